import { describe, expect, it } from 'vitest';
import { hasLongCacheTtl } from './cache-points.js';

describe('hasLongCacheTtl', () => {
  it.each([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', true],
    ['anthropic.claude-haiku-4-5-20251001-v1:0', true],
    ['global.anthropic.claude-opus-4-6-v1', true],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', false],
    ['anthropic.claude-3-7-sonnet-20250219-v1:0', false],
    ['amazon.nova-pro-v1:0', false],
  ])('%s: %s', (id, expected) => {
    expect(hasLongCacheTtl(id)).toBe(expected);
  });
});
