import { parseConfig } from '@outcrop/config-schema';
import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../stream-parts.js';
import type { PoolCount, RouteLedgerStore } from './ledger-store.js';
import { routeTargets } from './route-targets.js';
import { SharedLedger } from './shared-ledger.js';

/** A store as replicas share one: applies writes in order, answers reads when told to (to interleave them). */
class SharedStore implements RouteLedgerStore {
  readonly pools = new Map<string, PoolCount>();
  readonly rests = new Map<string, number>();
  readonly pins = new Map<string, string>();
  readonly held: (() => void)[] = [];
  hold = false;
  down = false;

  async read(pools: readonly string[], rests: readonly string[], _now: number, pin?: string) {
    if (this.down) throw new Error('store down');
    // The answer is what the store held when the read arrived, whenever it is delivered.
    const answer = {
      pools: pools.map((k) => ({ ...(this.pools.get(k) ?? { tokens: 0, requests: 0 }) })),
      rests: rests.map((k) => this.rests.get(k) ?? 0),
      pin: pin !== undefined ? this.pins.get(pin) : undefined,
    };
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    return answer;
  }

  async add(pool: string, _at: number, tokens: number, requests: number) {
    if (this.down) throw new Error('store down');
    const count = this.pools.get(pool) ?? { tokens: 0, requests: 0 };
    this.pools.set(pool, { tokens: count.tokens + tokens, requests: count.requests + requests });
  }

  async rest(key: string, until: number) {
    if (this.down) throw new Error('store down');
    this.rests.set(key, Math.max(this.rests.get(key) ?? 0, until));
  }

  async pin(key: string, target: string) {
    if (this.down) throw new Error('store down');
    this.pins.set(key, target);
  }
}

const route = parseConfig(
  JSON.stringify({
    models: {
      routes: {
        r: {
          model: 'anthropic.claude-sonnet-4-5',
          targets: [{ name: 'a', region: 'us-east-1', tokensPerMinute: 1000, requestsPerMinute: 10 }],
        },
      },
    },
  }),
).models.routes.r!;

function replica(store: RouteLedgerStore, clock: { now: number }, errors: unknown[] = [], waitMs = 1000) {
  const ledger = new SharedLedger(
    store,
    () => clock.now,
    (e) => errors.push(e),
    waitMs,
  );
  const targets = routeTargets(
    route,
    () => clock.now,
    (config, modelId) =>
      ledger.budget([config.region, modelId], { tokensPerMinute: config.tokensPerMinute }, 5),
  );
  return { ledger, target: targets[0]! };
}

describe('SharedLedger', () => {
  it("counts one replica's reservation, settlement and release on another after a read", async () => {
    const store = new SharedStore();
    const clock = { now: 1_000_000 };
    const one = replica(store, clock);
    const two = replica(store, clock);
    const call = one.target.budget.reserve(100, 500);
    await one.ledger.flush();
    await two.ledger.refresh('r', [two.target]);
    expect(two.target.budget.usedTokens()).toBe(600);
    expect(two.target.budget.fits(401)).toBe(false);

    call.settle({ ...emptyUsage(), inputTokens: 100, outputTokens: 20 }); // 100 + 20 × 5
    one.target.budget.reserve(50, 50).release();
    await one.ledger.flush();
    await two.ledger.refresh('r', [two.target]);
    expect(two.target.budget.usedTokens()).toBe(200);
    expect(two.target.budget.usedRequests()).toBe(1);
  });

  it("shares rests and conversations' pins", async () => {
    const store = new SharedStore();
    const clock = { now: 1_000_000 };
    const one = replica(store, clock);
    const two = replica(store, clock);
    one.ledger.rest('r', one.target, clock.now + 5000);
    one.ledger.pin('conversation-1', 'a', 300_000);
    await one.ledger.flush();
    expect(await two.ledger.refresh('r', [two.target], 'conversation-1')).toBe('a');
    expect(two.target.coolUntil).toBe(clock.now + 5000);
    expect(await two.ledger.refresh('r', [two.target], 'conversation-2')).toBeUndefined();
    expect(await two.ledger.refresh('r', [two.target])).toBeUndefined();
  });

  it("keeps this process's own reservation that a read already on its way could not have seen", async () => {
    const store = new SharedStore();
    const clock = { now: 1_000_000 };
    const one = replica(store, clock);
    store.hold = true;
    const reading = one.ledger.refresh('r', [one.target]); // issued before the reservation
    one.target.budget.reserve(100, 300);
    store.held.shift()!();
    await reading;
    expect(one.target.budget.usedTokens()).toBe(400);
    store.hold = false;
    await one.ledger.refresh('r', [one.target]); // now the store holds it: counted once, not twice
    expect(one.target.budget.usedTokens()).toBe(400);
  });

  it('forgets a read and writes older than a minute', async () => {
    const store = new SharedStore();
    const clock = { now: 1_000_000 };
    const one = replica(store, clock);
    one.target.budget.reserve(100, 100);
    await one.ledger.refresh('r', [one.target]);
    expect(one.target.budget.usedTokens()).toBe(200);
    clock.now += 60_001;
    expect(one.target.budget.usedTokens()).toBe(0);
  });

  it('routes on its own view when the store fails, and says so', async () => {
    const store = new SharedStore();
    const clock = { now: 1_000_000 };
    const errors: unknown[] = [];
    const one = replica(store, clock, errors);
    store.down = true;
    one.target.budget.reserve(100, 800);
    await one.ledger.flush();
    await one.ledger.refresh('r', [one.target]);
    expect(one.target.budget.usedTokens()).toBe(900);
    expect(one.target.budget.fits(200)).toBe(false);
    expect(errors.map((e) => (e as Error).message)).toEqual(['store down', 'store down']);
  });

  it('does not wait for a store that never answers', async () => {
    const store = new SharedStore();
    const clock = { now: 1_000_000 };
    const errors: unknown[] = [];
    const one = replica(store, clock, errors, 20);
    store.hold = true;
    const stale = one.ledger.refresh('r', [one.target]); // issued before the reservation, answers too late
    one.target.budget.reserve(100, 100);
    await stale;
    expect(one.target.budget.usedTokens()).toBe(200);
    expect(String(errors[0])).toContain('did not answer');
    // Its answer (nothing reserved yet), arriving after a newer one, is ignored.
    store.hold = false;
    await one.ledger.refresh('r', [one.target]);
    store.held.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(one.target.budget.usedTokens()).toBe(200);
  });
});
