import { randomUUID } from 'node:crypto';
import type { RouteLedgerStore } from '@outcrop/provider';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GatewayError } from '../errors.js';
import { createRedisState } from './redis-state.js';
import type { SharedState } from './shared-state.js';

const url = inject('redisUrl');
const T0 = 10_000 * 60_000; // ms on the routers' clock; every call names its own time

describe.skipIf(url === undefined)("the routers' ledger in Redis (a real redis-server)", () => {
  let a: SharedState;
  let b: SharedState;
  let one: RouteLedgerStore;
  let two: RouteLedgerStore;

  beforeAll(async () => {
    // Two clients on one prefix: two replicas.
    const keyPrefix = `ledger-${randomUUID()}:`;
    a = await createRedisState({ url: url!, keyPrefix });
    b = await createRedisState({ url: url!, keyPrefix });
    one = a.routeLedger!;
    two = b.routeLedger!;
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('counts what one replica reserves, settles and releases on the other, pool by pool', async () => {
    await one.add('p1', T0, 1100, 1); // a reservation
    await one.add('p1', T0 + 500, 400, 1);
    await two.add('p1', T0, -800, 0); // the first settled lower
    await two.add('p2', T0, 70, 1);
    await two.add('p2', T0, -70, -1); // released
    const read = await one.read(['p1', 'p2', 'p3'], [], T0 + 2000);
    expect(read.pools).toEqual([
      { tokens: 700, requests: 2 },
      { tokens: 0, requests: 0 },
      { tokens: 0, requests: 0 },
    ]);
  });

  it('forgets what left the minute', async () => {
    await one.add('old', T0, 300, 1);
    await one.add('old', T0 + 30_000, 20, 1);
    expect((await two.read(['old'], [], T0 + 59_000)).pools[0]).toEqual({ tokens: 320, requests: 2 });
    expect((await two.read(['old'], [], T0 + 61_000)).pools[0]).toEqual({ tokens: 20, requests: 1 });
    expect((await two.read(['old'], [], T0 + 91_000)).pools[0]).toEqual({ tokens: 0, requests: 0 });
  });

  it('shares rests; a shorter one does not cut a longer one short', async () => {
    await one.rest('r1', T0 + 30_000, T0);
    await two.rest('r1', T0 + 5_000, T0);
    const read = await two.read(['p1'], ['r1', 'r2'], T0 + 1000);
    expect(read.rests).toEqual([T0 + 30_000, 0]);
    expect(read.pools).toHaveLength(1);
  });

  it("shares a conversation's pin, read in the same round trip", async () => {
    await one.pin('c1', 'west', 60_000);
    const read = await two.read(['p1'], ['r1'], T0 + 1000, 'c1');
    expect(read.pin).toBe('west');
    expect(read.rests).toEqual([T0 + 30_000]);
    expect(read.pools[0]).toEqual({ tokens: 700, requests: 2 });
    expect((await two.read([], [], T0, 'c2')).pin).toBeUndefined();
    expect((await two.read([], [], T0)).pin).toBeUndefined();
  });

  it('fails with the shared-state error when the server is gone', async () => {
    const gone = await createRedisState({ url: url!, keyPrefix: `ledger-${randomUUID()}:` });
    await gone.close();
    await expect(gone.routeLedger!.read(['p'], [], T0)).rejects.toSatisfy(
      (err) => err instanceof GatewayError && err.code === 'shared_state_unavailable',
    );
  });
});
