import { describe, expect, it } from 'vitest';
import { DiscoveryError } from './errors.js';
import { createRefreshingCache, type Snapshot } from './refreshing-cache.js';

function harness(ttlMs: number, extra: { load?: () => Promise<Snapshot<string> | undefined> } = {}) {
  let time = 1_000_000;
  let calls = 0;
  let next: () => Promise<string> = async () => `v${calls}`;
  const cache = createRefreshingCache<string>({
    ttlMs,
    now: () => time,
    fetch: async () => {
      calls += 1;
      return { value: await next(), warnings: [] };
    },
    ...extra,
  });
  return {
    cache,
    calls: () => calls,
    advance: (ms: number) => {
      time += ms;
    },
    respond: (fn: () => Promise<string>) => {
      next = fn;
    },
  };
}

function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

const denied = () =>
  new DiscoveryError('access_denied', 'denied', { missingAction: 'bedrock:ListFoundationModels' });

describe('createRefreshingCache', () => {
  it('serves from memory within the TTL and refetches after it', async () => {
    const h = harness(60_000);
    expect(await h.cache.get()).toMatchObject({ value: 'v1', fromCache: false, stale: false });
    h.advance(59_999);
    expect(await h.cache.get()).toMatchObject({ value: 'v1', fromCache: true, stale: false });
    expect(h.calls()).toBe(1);
    h.advance(1);
    expect(await h.cache.get()).toMatchObject({ value: 'v2', fromCache: false });
    expect(h.calls()).toBe(2);
  });

  it('with TTL 0 fetches on every call', async () => {
    const h = harness(0);
    await h.cache.get();
    await h.cache.get();
    await h.cache.get();
    expect(h.calls()).toBe(3);
  });

  it('with TTL 0 still lets callers of the same moment share one fetch', async () => {
    const h = harness(0);
    const upstream = gate<string>();
    h.respond(() => upstream.promise);
    const reads = [h.cache.get(), h.cache.get(), h.cache.get()];
    upstream.open('once');
    expect((await Promise.all(reads)).map((r) => r.value)).toEqual(['once', 'once', 'once']);
    expect(h.calls()).toBe(1);
    expect(h.cache.snapshot()).toBeUndefined();
  });

  it('shares one in-flight fetch among 100 concurrent callers', async () => {
    const h = harness(60_000);
    const upstream = gate<string>();
    h.respond(() => upstream.promise);
    const reads = Array.from({ length: 100 }, () => h.cache.get());
    upstream.open('shared');
    const results = await Promise.all(reads);
    expect(h.calls()).toBe(1);
    expect(new Set(results.map((r) => r.value))).toEqual(new Set(['shared']));
  });

  it('keeps serving the last good value when a refresh fails, and reports the error', async () => {
    const h = harness(60_000);
    await h.cache.get();
    h.advance(60_000);
    h.respond(async () => {
      throw denied();
    });
    const read = await h.cache.get();
    expect(read).toMatchObject({ value: 'v1', fromCache: true, stale: true });
    expect(read.errors[0]).toMatchObject({
      code: 'access_denied',
      missingAction: 'bedrock:ListFoundationModels',
    });
    // Within the back-off the stale value is served without hammering upstream.
    h.advance(1_000);
    expect(await h.cache.get()).toMatchObject({ value: 'v1', stale: true });
    expect(h.calls()).toBe(2);
    // After it, upstream is tried again; recovery clears the stale flag.
    h.advance(30_000);
    h.respond(async () => 'fresh');
    expect(await h.cache.get()).toMatchObject({ value: 'fresh', stale: false, errors: [] });
    expect(h.calls()).toBe(3);
  });

  it('throws when there is no good value to fall back on, or when caching is off', async () => {
    const h = harness(60_000);
    h.respond(async () => {
      throw denied();
    });
    await expect(h.cache.get()).rejects.toMatchObject({ code: 'access_denied' });
    const off = harness(0);
    await off.cache.get();
    off.respond(async () => {
      throw new Error('socket hang up');
    });
    await expect(off.cache.get()).rejects.toMatchObject({ code: 'network', name: 'DiscoveryError' });
  });

  it('lets one caller abort without cancelling the shared fetch', async () => {
    const h = harness(60_000);
    const upstream = gate<string>();
    h.respond(() => upstream.promise);
    const controller = new AbortController();
    const aborted = h.cache.get(controller.signal);
    const patient = h.cache.get();
    controller.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    upstream.open('done');
    expect(await patient).toMatchObject({ value: 'done' });
    expect(h.calls()).toBe(1);
  });

  it('refresh() fetches even when the value is fresh', async () => {
    const h = harness(60_000);
    await h.cache.get();
    expect(await h.cache.refresh()).toMatchObject({ value: 'v2', fromCache: false });
  });

  it('starts from a loaded snapshot and honours its age', async () => {
    const loaded = harness(60_000, {
      load: async () => ({ value: 'from-disk', fetchedAt: 1_000_000 - 10_000, warnings: [] }),
    });
    expect(await loaded.cache.get()).toMatchObject({ value: 'from-disk', fromCache: true });
    expect(loaded.calls()).toBe(0);
    loaded.advance(50_000);
    expect(await loaded.cache.get()).toMatchObject({ value: 'v1', fromCache: false });
  });
});
