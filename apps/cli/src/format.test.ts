import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo, formatInput, formatInvocation, formatTokens, formatUsd } from './format.js';

describe('formatTokens', () => {
  it.each([
    [200_000, '200k'],
    [1_000_000, '1M'],
    [131_072, '128k'],
    [128_000, '128k'],
    [10_000, '10k'],
    [32_000, '32k'],
    [4_096, '4k'],
    [8_192, '8k'],
    [300_000, '300k'],
    [1_500, '1.5k'],
    [512, '512'],
    [undefined, '-'],
    [0, '-'],
  ])('%s -> %s', (count, text) => expect(formatTokens(count)).toBe(text));
});

describe('formatUsd', () => {
  it.each([
    [0, '$0'],
    [1.5, '$1.50'],
    [0.000123, '$0.000123'],
    [0.0012, '$0.0012'],
    [9e-7, '$0.0000009'],
    [0.00000102, '$0.00000102'],
  ])('%s -> %s', (value, text) => expect(formatUsd(value)).toBe(text));
});

describe('formatAge', () => {
  it.each([
    [undefined, 'never'],
    [10, 'just now'],
    [42_000, '42s'],
    [5_400_000, '1h 30m'],
    [3_600_000, '1h'],
    [3 * 86_400_000, '3d'],
  ])('%s -> %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});

describe('labels', () => {
  it('joins inputs and names invocations', () => {
    expect(formatInput(['text', 'image'])).toBe('text+image');
    expect(formatInput([])).toBe('text');
    expect(formatInvocation('inference-profile')).toBe('inference profile');
    expect(formatInvocation('something-new')).toBe('something-new');
  });
});

describe('formatAgo', () => {
  it('reads as a time in the past', () => {
    expect(formatAgo(10)).toBe('just now');
    expect(formatAgo(90_000)).toBe('1m ago');
  });
});
