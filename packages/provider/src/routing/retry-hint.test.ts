import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './retry-hint.js';

const aws = (headers: Record<string, string>) => ({ cause: { cause: { $response: { headers } } } });

describe('retryAfterMs', () => {
  it('reads seconds, milliseconds and dates through the cause chain', () => {
    expect(retryAfterMs(aws({ 'retry-after': '30' }), 0)).toBe(30_000);
    expect(retryAfterMs(aws({ 'x-amz-retry-after': '1500' }), 0)).toBe(1500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(aws({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
  });

  it('is undefined without a hint or with a bad one', () => {
    expect(retryAfterMs(aws({}), 0)).toBeUndefined();
    expect(retryAfterMs(aws({ 'retry-after': 'soon' }), 0)).toBeUndefined();
    expect(retryAfterMs(new Error('x'), 0)).toBeUndefined();
  });
});
