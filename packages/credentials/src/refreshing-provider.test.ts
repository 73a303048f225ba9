import { describe, expect, it } from 'vitest';
import type { AwsCredentials } from './aws-credentials.js';
import { CredentialsError } from './credentials-error.js';
import { createRefreshingProvider } from './refreshing-provider.js';

const MINUTE = 60_000;

/** A source that hands out numbered temporary credentials valid for `ttlMs` from the injected clock. */
function countingSource(clock: { now: number }, ttlMs: number) {
  let loads = 0;
  return {
    get loads() {
      return loads;
    },
    load: async (): Promise<AwsCredentials> => {
      loads += 1;
      return {
        accessKeyId: `ASIATEMPORARY${String(loads).padStart(7, '0')}`,
        secretAccessKey: 'secret',
        sessionToken: 'token',
        expiration: new Date(clock.now + ttlMs),
      };
    },
  };
}

describe('createRefreshingProvider', () => {
  it('caches credentials until five minutes before they expire, then refreshes', async () => {
    const clock = { now: Date.parse('2026-11-22T00:00:00Z') };
    const source = countingSource(clock, 60 * MINUTE);
    const provider = createRefreshingProvider({ load: source.load, now: () => clock.now, source: 'test' });

    const first = await provider();
    clock.now += 54 * MINUTE; // 6 minutes left: still fresh
    expect(await provider()).toBe(first);
    expect(source.loads).toBe(1);

    clock.now += 2 * MINUTE; // 4 minutes left: inside the margin
    const second = await provider();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(source.loads).toBe(2);
  });

  it('tells the SDK not to memoize it (so rotation and refresh stay ours)', () => {
    const provider = createRefreshingProvider({
      load: async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }),
      source: 't',
    });
    expect(provider.memoized).toBe(true);
  });

  it('shares one load between concurrent callers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((done) => {
      release = done;
    });
    let loads = 0;
    const provider = createRefreshingProvider({
      load: async () => {
        loads += 1;
        await gate;
        return { accessKeyId: 'AKIACONCURRENT000001', secretAccessKey: 's' };
      },
      source: 'test',
    });
    const calls = Array.from({ length: 50 }, () => provider());
    release();
    const results = await Promise.all(calls);
    expect(loads).toBe(1);
    expect(new Set(results).size).toBe(1);
  });

  it('keeps still-valid credentials when a refresh ahead of expiry fails, and throws once they expire', async () => {
    const clock = { now: 0 };
    let fail = false;
    const provider = createRefreshingProvider({
      load: async () => {
        if (fail) throw new Error('STS unavailable');
        return {
          accessKeyId: 'ASIAFIRSTFIRSTFIRST1',
          secretAccessKey: 's',
          expiration: new Date(clock.now + 10 * MINUTE),
        };
      },
      now: () => clock.now,
      source: 'test',
    });
    const first = await provider();
    fail = true;
    clock.now += 7 * MINUTE; // inside the margin, not expired
    expect(await provider()).toBe(first);
    clock.now += 4 * MINUTE; // expired
    await expect(provider()).rejects.toThrow('STS unavailable');
  });

  it('rejects credentials that are already expired when loaded', async () => {
    const provider = createRefreshingProvider({
      load: async () => ({
        accessKeyId: 'ASIASTALESTALESTALE1',
        secretAccessKey: 's',
        expiration: new Date(1000),
      }),
      now: () => 2000,
      source: 'aws-sdk default chain (container)',
    });
    const error = await provider().catch((e: unknown) => e);
    expect(CredentialsError.isInstance(error) && error.code).toBe('expired_credentials');
  });

  it('re-resolves when the fingerprint of the backing files changes', async () => {
    let fingerprint = 'v1';
    let loads = 0;
    const provider = createRefreshingProvider({
      load: async () => ({
        accessKeyId: `AKIAROTATION${String(++loads).padStart(8, '0')}`,
        secretAccessKey: 's',
      }),
      fingerprint: () => fingerprint,
      source: 'test',
    });
    const a = await provider();
    expect(await provider()).toBe(a);
    fingerprint = 'v2';
    const b = await provider();
    expect(b.accessKeyId).toBe('AKIAROTATION00000002');
    expect(await provider()).toBe(b);
  });
});
