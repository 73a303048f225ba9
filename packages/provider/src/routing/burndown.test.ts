import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../stream-parts.js';
import { BurndownBudget, outputBurndownRate } from './burndown.js';

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({
  ...emptyUsage(),
  inputTokens: input,
  outputTokens: output,
  cacheReadTokens: cacheRead,
  cacheWriteTokens: cacheWrite,
});

describe('BurndownBudget', () => {
  it('reserves input + max_tokens, then settles output five times for Claude 3.7 and later', () => {
    let now = 0;
    const budget = new BurndownBudget({ tokensPerMinute: 10_000 }, 5, () => now);
    const call = budget.reserve(100, 4000);
    expect(budget.usedTokens()).toBe(4100);
    // Cache reads do not burn quota; cache writes do.
    call.settle(usage(100, 200, 5000, 50));
    expect(budget.usedTokens()).toBe(100 + 50 + 200 * 5);
    now = 60_001;
    expect(budget.usedTokens()).toBe(0);
  });

  it('says whether a call fits the tokens and the requests quota', () => {
    const budget = new BurndownBudget({ tokensPerMinute: 5000, requestsPerMinute: 2 }, 1, () => 0);
    expect(budget.fits(5000)).toBe(true);
    expect(budget.fits(5001)).toBe(false);
    budget.reserve(0, 1000);
    expect(budget.headroom()).toBe(0.5); // one request of two
    budget.reserve(0, 1000).release();
    expect(budget.fits(100)).toBe(true);
    budget.reserve(0, 1000);
    expect(budget.fits(1)).toBe(false); // the requests quota is full
  });

  it('a target without quotas always fits', () => {
    const budget = new BurndownBudget({}, 1, () => 0);
    budget.reserve(1e9, 1e9);
    expect(budget.fits(1e9)).toBe(true);
    expect(budget.headroom()).toBe(1);
  });

  it('counts output five times only for Claude 3.7 and later', () => {
    expect(outputBurndownRate('us.anthropic.claude-sonnet-4-5-20250929-v1:0')).toBe(5);
    expect(outputBurndownRate('anthropic.claude-3-7-sonnet-20250219-v1:0')).toBe(5);
    expect(outputBurndownRate('anthropic.claude-3-5-sonnet-20240620-v1:0')).toBe(1);
    expect(outputBurndownRate('amazon.nova-pro-v1:0')).toBe(1);
  });
});
