// Routing one logical model across several Bedrock targets, each an emulator with its own keys, region and
// quota, reached through the real AWS SDK. Every assertion counts requests, tokens or targets: the quota windows
// and cooldowns run on a clock the test moves, never on wall time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Outcrop } from '../src/outcrop.js';
import type { Context } from '../src/spec.js';
import type { UpstreamAttempt, UpstreamAttemptEnd } from '../src/upstream-attempt.js';
import {
  collect,
  errorOf,
  finishOf,
  ROUTED_MODEL,
  type RoutingLab,
  routeOf,
  startRoutingLab,
  targetOf,
} from './routing-harness.js';

/** Tokens per minute of each emulator (one account in one region). */
const Q = 12_000;
const MAX_TOKENS = 400;

let lab: RoutingLab;
beforeAll(async () => {
  lab = await startRoutingLab([
    { name: 'acct-a', region: 'us-east-1', tokensPerMinute: Q },
    { name: 'acct-b', region: 'us-east-1', tokensPerMinute: Q },
    { name: 'west', region: 'us-west-2' },
    { name: 'east', region: 'us-east-1' },
  ]);
});
afterAll(() => lab?.stop());

const [A, B, WEST, EAST] = [0, 1, 2, 3];
const site = (i: number) => lab.sites[i]!;
const prompt = (i: number): Context => ({
  messages: [
    { role: 'user', content: `Request ${i}: summarise the quarterly figures for region ${i % 7}, briefly.` },
  ],
});

/** A bounded load: `count` calls, `concurrency` at a time; the burned tokens and the failures by code. */
async function load(outcrop: Outcrop, model: string, count: number, concurrency = 3) {
  let next = 0;
  let burned = 0;
  const failures: string[] = [];
  const targets: string[] = [];
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const parts = await collect(outcrop.stream(model, prompt(i), { maxTokens: MAX_TOKENS, cache: 'off' }));
      const finish = finishOf(parts);
      targets.push(routeOf(parts)?.target ?? '?');
      if (finish) burned += finish.usage.inputTokens + finish.usage.outputTokens * 5;
      else failures.push(errorOf(parts)?.error.code ?? 'none');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { burned, failures, targets };
}

const upstreamThrottles = () =>
  [site(A), site(B)].flatMap((s) => s.emulator.journal.entries()).filter((e) => e.status === 429).length;

/**
 * Calls that fit 85% of two quotas, by the burndown cost of one call measured on the first; the rest is room for
 * the calls in flight, each holding input + max_tokens until it settles (Bedrock's reservation).
 */
async function callsForTwoQuotas(outcrop: Outcrop): Promise<number> {
  const probe = await collect(outcrop.stream('probe', prompt(0), { maxTokens: MAX_TOKENS, cache: 'off' }));
  const usage = finishOf(probe)!.usage;
  const perCall = usage.inputTokens + usage.outputTokens * 5;
  return Math.floor((0.85 * 2 * Q) / perCall);
}

describe('headroom across two accounts', () => {
  it('sustains close to 2Q with no client-visible 429, where one target alone throttles', async () => {
    lab.clock.now += 120_000; // fresh quota windows
    const outcrop = await lab.open({
      pair: {
        model: ROUTED_MODEL,
        targets: [
          // A weight of 3 would send three calls in four to A: headroom, not weight, has to decide.
          targetOf(site(A), { tokensPerMinute: Q, weight: 3 }),
          targetOf(site(B), { tokensPerMinute: Q }),
        ],
      },
      alone: { model: ROUTED_MODEL, targets: [targetOf(site(A), { tokensPerMinute: Q })] },
      probe: { model: ROUTED_MODEL, targets: [targetOf(site(WEST))] },
    });
    const calls = await callsForTwoQuotas(outcrop);
    expect(calls).toBeGreaterThan(10);

    const throttledBefore = upstreamThrottles();
    const pair = await load(outcrop, 'pair', calls);
    expect(pair.failures).toEqual([]);
    // The router's burndown view matched Bedrock's: it sent almost no call a target refused (at most one per
    // concurrent caller, when a reply's usage reached the router before the quota settled upstream). By weight
    // alone, A would have had to refuse about an eighth of the calls.
    expect(upstreamThrottles() - throttledBefore).toBeLessThanOrEqual(3);
    expect(pair.burned).toBeGreaterThan(0.8 * 2 * Q); // close to 2Q ...
    expect(pair.burned).toBeGreaterThan(1.5 * Q); // ... well beyond what one account could serve
    expect(new Set(pair.targets)).toEqual(new Set(['acct-a', 'acct-b']));
    const status = outcrop.routes().filter((t) => t.route === 'pair');
    for (const target of status) expect(target.tokensUsed).toBeLessThanOrEqual(Q);

    // The same load on one account, in a fresh minute: Bedrock throttles what does not fit.
    lab.clock.now += 120_000;
    const alone = await load(outcrop, 'alone', calls);
    expect(alone.failures.length).toBeGreaterThan(0);
    expect(new Set(alone.failures)).toEqual(new Set(['throttled']));
    expect(alone.burned).toBeLessThanOrEqual(Q);
    expect(upstreamThrottles()).toBeGreaterThanOrEqual(throttledBefore + alone.failures.length);
  });
});

describe('throttling', () => {
  it('moves a throttled call to another target before its first token, and rests the throttled one', async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      spread: {
        model: ROUTED_MODEL,
        targets: [targetOf(site(A)), targetOf(site(WEST))],
        cooldownSeconds: 60,
      },
    });
    const before = { a: lab.conversesOn(site(A)), west: lab.conversesOn(site(WEST)) };
    // The first pick (equal weights: the first target) answers 429 with retry-after 30 s.
    site(A).emulator.scenarios.push({
      httpError: { status: 429, type: 'ThrottlingException', message: 'Rate exceeded', retryAfter: '30' },
    });
    const first = await collect(outcrop.stream('spread', prompt(1), { cache: 'off' }));
    expect(finishOf(first)).toBeDefined();
    expect(routeOf(first)).toMatchObject({
      name: 'spread',
      target: 'west',
      region: 'us-west-2',
      attempts: 2,
    });
    expect(
      first.filter((p) => p.type === 'warning').map((p) => p.type === 'warning' && p.warning.code),
    ).toContain('rerouted');
    expect(lab.conversesOn(site(A)) - before.a).toBe(1);

    // Resting for the 30 s of retry-after (not the 60 s cooldown): every call goes west meanwhile.
    for (let i = 0; i < 4; i++) {
      const parts = await collect(outcrop.stream('spread', prompt(10 + i), { cache: 'off' }));
      expect(routeOf(parts)?.target).toBe('west');
    }
    expect(lab.conversesOn(site(A)) - before.a).toBe(1);
    expect(outcrop.routes().find((t) => t.target === 'acct-a')).toMatchObject({
      resting: true,
      throttled: 1,
    });

    lab.clock.now += 31_000;
    const after = await Promise.all(
      [0, 1, 2, 3].map(
        async (i) =>
          routeOf(await collect(outcrop.stream('spread', prompt(20 + i), { cache: 'off' })))?.target,
      ),
    );
    expect(after).toContain('acct-a');
    expect(lab.conversesOn(site(A)) - before.a).toBeGreaterThan(1);
  });

  it("reports each target's attempts to onAttempt: numbered across targets, the move a reroute naming the failure", async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      observed: { model: ROUTED_MODEL, targets: [targetOf(site(A)), targetOf(site(WEST))] },
    });
    site(A).emulator.scenarios.push({
      httpError: { status: 429, type: 'ThrottlingException', message: 'Rate exceeded' },
    });
    const seen: { start: UpstreamAttempt; end?: UpstreamAttemptEnd }[] = [];
    const parts = await collect(
      outcrop.stream('observed', prompt(2), {
        cache: 'off',
        onAttempt: (start) => {
          const entry: (typeof seen)[number] = { start };
          seen.push(entry);
          return (end) => {
            entry.end = end;
          };
        },
      }),
    );
    expect(routeOf(parts)?.target).toBe('west');
    expect(seen.map(({ start }) => [start.attempt, start.reason, start.region, start.target])).toEqual([
      [1, 'initial', 'us-east-1', { route: 'observed', name: 'acct-a', profile: 'acct-a' }],
      [2, 'reroute', 'us-west-2', { route: 'observed', name: 'west', profile: 'west' }],
    ]);
    expect(seen[1]!.start.previous).toEqual({ code: 'throttled', awsName: 'ThrottlingException' });
    expect(seen[0]!.end).toMatchObject({ outcome: 'error', error: { awsName: 'ThrottlingException' } });
    expect(seen[1]!.end).toMatchObject({ outcome: 'ok' });
  });

  it('answers the last failure when every target throttles', async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      both: { model: ROUTED_MODEL, targets: [targetOf(site(A)), targetOf(site(WEST))] },
    });
    const throttle = {
      httpError: { status: 429, type: 'ThrottlingException', message: 'Too many requests' },
    };
    site(A).emulator.scenarios.push(throttle);
    site(WEST).emulator.scenarios.push(throttle);
    const parts = await collect(outcrop.stream('both', prompt(30), { cache: 'off' }));
    expect(errorOf(parts)?.error.code).toBe('throttled');
    expect(routeOf(parts)?.attempts).toBe(2);
  });

  it('moves a call off a target whose account profile does not resolve', async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      both: {
        model: ROUTED_MODEL,
        targets: [targetOf(site(A), { name: 'ghost', profile: 'no-such-profile' }), targetOf(site(WEST))],
      },
    });
    const parts = await collect(outcrop.stream('both', prompt(32), { cache: 'off' }));
    expect(finishOf(parts)).toBeDefined();
    expect(routeOf(parts)).toMatchObject({ target: 'west', attempts: 2 });
    const warnings = parts.flatMap((p) => (p.type === 'warning' ? [p.warning.message] : []));
    expect(warnings.join('\n')).toMatch(/ghost failed before its first token \(authentication\)/);
  });

  it('never moves a call after its first token: a throttle mid-stream ends it where it is', async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      both: { model: ROUTED_MODEL, targets: [targetOf(site(A)), targetOf(site(WEST))] },
    });
    const west = lab.conversesOn(site(WEST));
    site(A).emulator.scenarios.push({
      reply: 'one two three four five six seven eight',
      streamException: { type: 'throttlingException', afterEvents: 4 },
    });
    const parts = await collect(outcrop.stream('both', prompt(33), { cache: 'off' }));
    expect(parts.some((p) => p.type === 'text-delta')).toBe(true);
    expect(errorOf(parts)?.error.code).toBe('throttled');
    expect(routeOf(parts)).toMatchObject({ target: 'acct-a', attempts: 1 });
    expect(lab.conversesOn(site(WEST))).toBe(west);
  });

  it('does not move a call the model refused as invalid', async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      both: { model: ROUTED_MODEL, targets: [targetOf(site(A)), targetOf(site(WEST))] },
    });
    const west = lab.conversesOn(site(WEST));
    site(A).emulator.scenarios.push({
      httpError: { status: 400, type: 'ValidationException', message: 'bad' },
    });
    const parts = await collect(outcrop.stream('both', prompt(31), { cache: 'off' }));
    expect(errorOf(parts)?.error.code).toBe('validation');
    expect(lab.conversesOn(site(WEST))).toBe(west);
  });
});

describe('prompt-cache affinity', () => {
  // Above Sonnet 4.5's 1,024-token minimum per cache point, so the system prompt is cached.
  const system = `You are a careful analyst. ${'Keep every figure exact and say where it came from. '.repeat(90)}`;

  /**
   * Three conversations of four turns each, interleaved, their texts unique to `run` (equal lengths, so every run
   * has the same token counts); the cache-read tokens of all turns.
   */
  async function conversations(outcrop: Outcrop, model: string, run: string): Promise<number> {
    const threads: Context[] = [0, 1, 2].map((c) => ({
      system: `${run}/${c}. ${system}`,
      messages: [{ role: 'user', content: `Conversation ${c}: what changed this quarter?` }],
    }));
    let cacheRead = 0;
    for (let turn = 0; turn < 4; turn++) {
      for (const thread of threads) {
        const parts = await collect(outcrop.stream(model, thread, { maxTokens: 200, cache: 'auto' }));
        const finish = finishOf(parts)!;
        cacheRead += finish.usage.cacheReadTokens;
        const text = parts.map((p) => (p.type === 'text-delta' ? p.delta : '')).join('');
        thread.messages.push(
          { role: 'assistant', content: [{ type: 'text', text }] },
          { role: 'user', content: `Turn ${turn + 1}: and the next one?` },
        );
      }
    }
    return cacheRead;
  }

  it('keeps cache reads as high as with one target, where spreading turns would lose them', async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      one: { model: ROUTED_MODEL, targets: [targetOf(site(WEST))] },
      sticky: { model: ROUTED_MODEL, targets: [targetOf(site(EAST)), targetOf(site(WEST))] },
      loose: {
        model: ROUTED_MODEL,
        targets: [targetOf(site(EAST)), targetOf(site(WEST))],
        stickiness: { enabled: false },
      },
    });
    const one = await conversations(outcrop, 'one', 'run-1');
    expect(one).toBeGreaterThan(0);
    const sticky = await conversations(outcrop, 'sticky', 'run-2');
    const loose = await conversations(outcrop, 'loose', 'run-3');
    expect(sticky).toBe(one);
    expect(loose).toBeLessThan(one);
    // The conversations were spread over both targets, not all pinned to one.
    const used = outcrop.routes().filter((t) => t.route === 'sticky' && t.calls > 0);
    expect(used.length).toBe(2);
  });
});

describe('service tiers', () => {
  it('escalates flex, then default, then priority as lower tiers throttle, and rests the throttled tier', async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      tiered: {
        model: ROUTED_MODEL,
        targets: [targetOf(site(WEST))],
        tiers: ['flex', 'default', 'priority'],
        cooldownSeconds: 20,
      },
    });
    const journal = site(WEST).emulator.journal;
    journal.clear();
    const tiers = () =>
      journal
        .entries()
        .filter((e) => e.operation === 'ConverseStream')
        .map((e) => (e.body as { serviceTier?: { type: string } }).serviceTier?.type);

    const plain = await collect(outcrop.stream('tiered', prompt(40), { cache: 'off' }));
    expect(routeOf(plain)).toMatchObject({ target: 'west@flex', serviceTier: 'flex', attempts: 1 });
    expect(finishOf(plain)?.serviceTier).toBe('flex');

    const busy = {
      httpError: { status: 429, type: 'ThrottlingException', message: 'Flex capacity unavailable' },
    };
    site(WEST).emulator.scenarios.push(busy);
    site(WEST).emulator.scenarios.push({
      ...busy,
      httpError: { ...busy.httpError, message: 'Too many tokens' },
    });
    const escalated = await collect(outcrop.stream('tiered', prompt(41), { cache: 'off' }));
    expect(routeOf(escalated)).toMatchObject({ target: 'west@priority', attempts: 3 });
    expect(finishOf(escalated)?.serviceTier).toBe('priority');
    expect(tiers()).toEqual(['flex', 'flex', 'default', 'priority']);

    // flex and default rest for 20 s: calls go to priority meanwhile, then back down to flex.
    const meanwhile = await collect(outcrop.stream('tiered', prompt(42), { cache: 'off' }));
    expect(routeOf(meanwhile)?.serviceTier).toBe('priority');
    lab.clock.now += 21_000;
    const later = await collect(outcrop.stream('tiered', prompt(43), { cache: 'off' }));
    expect(routeOf(later)?.serviceTier).toBe('flex');
  });

  it('a tier the caller asks for narrows the route to it', async () => {
    lab.clock.now += 120_000;
    const outcrop = await lab.open({
      tiered: { model: ROUTED_MODEL, targets: [targetOf(site(WEST))], tiers: ['flex', 'default'] },
    });
    const parts = await collect(
      outcrop.stream('tiered', prompt(44), { cache: 'off', serviceTier: 'default' }),
    );
    expect(routeOf(parts)?.serviceTier).toBe('default');
  });
});

describe('catalog', () => {
  it('lists a route as amazon-bedrock/<name> with its model capabilities, and counts tokens as its model', async () => {
    const outcrop = await lab.open({ sonnet: { model: ROUTED_MODEL, targets: [targetOf(site(WEST))] } });
    const spec = await outcrop.resolve('amazon-bedrock/sonnet');
    expect(spec).toMatchObject({
      id: 'sonnet',
      route: 'sonnet',
      provider: 'amazon-bedrock',
      configured: true,
    });
    expect(spec.capabilities?.promptCaching).toBe(true);
    expect((await outcrop.resolve('sonnet')).route).toBe('sonnet');
  });
});
