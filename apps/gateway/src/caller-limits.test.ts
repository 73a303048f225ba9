import { describe, expect, it } from 'vitest';
import { CallerLimits } from './caller-limits.js';
import { GatewayError } from './errors.js';
import { createMemoryState } from './shared-state/memory-state.js';

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof GatewayError) return err;
  throw new Error(`expected a GatewayError, got ${String(err)}`);
}

describe('CallerLimits', () => {
  it('limits concurrency per key, answers 429 with Retry-After, and releases a slot once', async () => {
    const limits = new CallerLimits(createMemoryState().counter, { maxConcurrent: 2 });
    const a1 = await limits.admit('a');
    await limits.admit('a');
    const denied = await refusal(limits.admit('a'));
    expect(denied.code).toBe('concurrency_limit');
    expect(denied.status).toBe(429);
    expect(denied.headers['retry-after']).toBe('1');
    await expect(limits.admit('b')).resolves.toBeTypeOf('function');
    a1();
    a1(); // releasing twice frees one slot only
    await Promise.resolve();
    await limits.admit('a');
    expect((await refusal(limits.admit('a'))).code).toBe('concurrency_limit');
  });

  it('admits the per-minute limit, then 429 until the next clock minute, with the wait in Retry-After', async () => {
    let now = 10 * 60_000 + 45_000; // 45 s into a minute
    const state = createMemoryState({ now: () => now });
    const limits = new CallerLimits(state.counter, { maxConcurrent: 100, requestsPerMinute: 3 }, () => now);
    for (let i = 0; i < 3; i++) (await limits.admit('a'))();
    const denied = await refusal(limits.admit('a'));
    expect(denied.code).toBe('rate_limit');
    expect(denied.status).toBe(429);
    expect(denied.headers['retry-after']).toBe('15');
    (await limits.admit('b'))(); // another caller has its own count
    now += 15_000; // the next minute
    await expect(limits.admit('a')).resolves.toBeTypeOf('function');
  });

  it('applies new settings on update (a reload)', async () => {
    const limits = new CallerLimits(createMemoryState().counter, { maxConcurrent: 1 });
    await limits.admit('a');
    expect((await refusal(limits.admit('a'))).code).toBe('concurrency_limit');
    limits.update({ maxConcurrent: 2 });
    await expect(limits.admit('a')).resolves.toBeTypeOf('function');
  });
});
