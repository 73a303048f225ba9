import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows rpm calls per sliding minute, then says when to retry', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.admit('k', { rpm: 3, tpm: null }, 10).ok).toBe(true);
      now += 10_000;
    }
    const refused = limiter.admit('k', { rpm: 3, tpm: null }, 10);
    expect(refused).toEqual({ ok: false, limit: 'rpm', max: 3, retryAfterS: 30 });
    expect(limiter.admit('other', { rpm: 3, tpm: null }, 10).ok).toBe(true);
    now += 30_000; // the first call leaves the window
    expect(limiter.admit('k', { rpm: 3, tpm: null }, 10).ok).toBe(true);
  });

  it('counts tokens, corrected when a call settles', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    const first = limiter.admit('k', { rpm: null, tpm: 1000 }, 800);
    expect(first.ok).toBe(true);
    expect(limiter.admit('k', { rpm: null, tpm: 1000 }, 300)).toMatchObject({
      ok: false,
      limit: 'tpm',
      max: 1000,
    });
    if (first.ok) first.entry.tokens = 100; // it settled with fewer tokens than reserved
    now += 1_000;
    expect(limiter.admit('k', { rpm: null, tpm: 1000 }, 300).ok).toBe(true);
    expect(limiter.admit('k', { rpm: null, tpm: 1000 }, 5000)).toMatchObject({ ok: false, retryAfterS: 60 });
  });
});
