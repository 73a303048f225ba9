import type { ConverseStreamError } from './errors.js';

/** Codes worth an automatic retry before the first content event: the service said "later". */
const AUTO_RETRY = new Set(['throttled', 'service_unavailable', 'internal', 'model_not_ready']);

/** Longest single wait, whatever the server's hint says. */
export const MAX_RETRY_DELAY_MS = 20_000;

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  throttlingBaseMs: number;
  random: () => number;
}

/** Whether a failed attempt may be repeated: only retryable service-side conditions, within budget. */
export function shouldRetry(error: ConverseStreamError, attempt: number, policy: RetryPolicy): boolean {
  return error.retryable && AUTO_RETRY.has(error.code) && attempt < policy.maxAttempts;
}

/**
 * Full-jitter exponential backoff (`random() * min(cap, base * 2^(attempt-1))`), with a larger
 * base for throttling. A server hint (`retry-after`) is a floor, capped at MAX_RETRY_DELAY_MS.
 */
export function retryDelayMs(
  error: ConverseStreamError,
  attempt: number,
  policy: RetryPolicy,
  retryAfterHintMs?: number,
): number {
  const base = error.code === 'throttled' ? policy.throttlingBaseMs : policy.baseMs;
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, base * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.floor(policy.random() * ceiling);
  if (retryAfterHintMs === undefined) return jitter;
  return Math.max(jitter, Math.min(retryAfterHintMs, MAX_RETRY_DELAY_MS));
}
