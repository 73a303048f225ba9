import { describe, expect, it } from 'vitest';
import { ConverseStreamError, type ConverseStreamErrorCode } from './errors.js';
import { MAX_RETRY_DELAY_MS, type RetryPolicy, retryDelayMs, shouldRetry } from './retry-policy.js';

const error = (code: ConverseStreamErrorCode, retryable = true) =>
  new ConverseStreamError({ code, message: code, retryable });
const policy = (random: number): RetryPolicy => ({
  maxAttempts: 3,
  baseMs: 250,
  throttlingBaseMs: 1000,
  random: () => random,
});

describe('retry policy', () => {
  it('retries throttling and transient service errors within the attempt budget only', () => {
    for (const code of ['throttled', 'service_unavailable', 'internal', 'model_not_ready'] as const) {
      expect(shouldRetry(error(code), 1, policy(0))).toBe(true);
      expect(shouldRetry(error(code), 3, policy(0))).toBe(false);
    }
    for (const code of [
      'validation',
      'access_denied',
      'context_overflow',
      'truncated',
      'model_timeout',
    ] as const) {
      expect(shouldRetry(error(code), 1, policy(0))).toBe(false);
    }
    expect(shouldRetry(error('internal', false), 1, policy(0))).toBe(false);
  });

  it('uses full jitter over an exponential ceiling, with a larger base for throttling', () => {
    expect(retryDelayMs(error('internal'), 1, policy(0.999))).toBe(249);
    expect(retryDelayMs(error('internal'), 3, policy(0.999))).toBe(999);
    expect(retryDelayMs(error('throttled'), 2, policy(0.5))).toBe(1000);
    expect(retryDelayMs(error('throttled'), 1, policy(0))).toBe(0);
    expect(retryDelayMs(error('throttled'), 30, policy(0.999))).toBeLessThan(MAX_RETRY_DELAY_MS);
  });

  it('treats retry-after as a floor, capped', () => {
    expect(retryDelayMs(error('throttled'), 1, policy(0), 1500)).toBe(1500);
    expect(retryDelayMs(error('throttled'), 1, policy(0.9), 10)).toBe(900);
    expect(retryDelayMs(error('throttled'), 1, policy(0), 3_600_000)).toBe(MAX_RETRY_DELAY_MS);
  });
});
