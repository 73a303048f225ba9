import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GatewayError } from '../errors.js';
import { createRedisState, redactUrl } from './redis-state.js';
import type { SharedState } from './shared-state.js';

const url = inject('redisUrl');

describe.skipIf(url === undefined)('Redis shared state (a real redis-server)', () => {
  let a: SharedState;
  let b: SharedState;

  beforeAll(async () => {
    // Two clients on one prefix: two replicas.
    const keyPrefix = `test-${randomUUID()}:`;
    a = await createRedisState({ url: url!, keyPrefix });
    b = await createRedisState({ url: url!, keyPrefix });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('counts one window across clients, each hit exactly once', async () => {
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).counter.incrementWindow('w', 60_000)),
    );
    expect(counts.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('hands out exactly max slots across clients under a concurrent rush, and takes them back', async () => {
    const taken = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).counter.acquireSlot('s', 7, 60_000)),
    );
    expect(taken.filter(Boolean)).toHaveLength(7);
    await a.counter.releaseSlot('s');
    expect(await b.counter.acquireSlot('s', 7, 60_000)).toBe(true);
    expect(await b.counter.acquireSlot('s', 7, 60_000)).toBe(false);
  });

  it('shares values with expiry', async () => {
    await a.memory.set('k', 'v', 60_000);
    expect(await b.memory.get('k')).toBe('v');
    expect(await b.memory.get('missing')).toBeUndefined();
    await a.memory.set('short', 'v', 1);
    // PX 1 has passed once the server answers a later command after at least 1 ms; poll boundedly.
    let value: string | undefined = 'v';
    for (let i = 0; i < 50 && value !== undefined; i++) {
      await new Promise((r) => setTimeout(r, 10));
      value = await b.memory.get('short');
    }
    expect(value).toBeUndefined();
  });
});

describe('Redis shared state without a server', () => {
  it('fails start-up with a typed error naming the setting, without the password', async () => {
    // A port nothing listens on: the connection is refused at once.
    const err = await createRedisState({
      url: 'redis://:s3cret-pass@127.0.0.1:1',
      connectTimeoutMs: 2_000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe('shared_state_unavailable');
    expect((err as GatewayError).message).toContain('gateway.redis.url');
    expect((err as GatewayError).message).not.toContain('s3cret-pass');
  });

  it('redacts passwords from URLs', () => {
    expect(redactUrl('redis://user:pw@host:6379/0')).toBe('redis://user:***@host:6379/0');
    expect(redactUrl('not a url')).toBe('(an unparsable URL)');
  });
});
