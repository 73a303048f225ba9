import { describe, expect, it } from 'vitest';
import { invokedModelId, priceLongCacheWrites, priceServiceTier } from './call-pricing.js';

const cost = { input: 1, output: 2, cacheRead: 0.5, cacheWrite: 0.25, total: 3.75 };

describe('priceServiceTier', () => {
  it('scales every field for flex and priority, keeps default, and has no per-token cost for reserved', () => {
    expect(priceServiceTier(cost, 'default')).toBe(cost);
    expect(priceServiceTier(cost, undefined)).toBe(cost);
    expect(priceServiceTier(cost, 'flex')).toEqual({
      input: 0.5,
      output: 1,
      cacheRead: 0.25,
      cacheWrite: 0.125,
      total: 1.875,
    });
    expect(priceServiceTier(cost, 'priority')?.total).toBeCloseTo(3.75 * 1.75, 10);
    expect(priceServiceTier(cost, 'reserved')).toBeUndefined();
    expect(priceServiceTier(undefined, 'flex')).toBeUndefined();
  });
});

describe('priceLongCacheWrites', () => {
  it('adds the difference between twice the input price and the 5 minute write price for 1h writes only', () => {
    const usage = {
      inputTokens: 0,
      outputTokens: 0,
      totalTokens: 3_000_000,
      cacheDetails: [
        { ttl: '5m', inputTokens: 1_000_000 },
        { ttl: '1h', inputTokens: 2_000_000 },
      ],
    };
    const priced = priceLongCacheWrites(cost, usage, { input: 3, cacheWrite: 3.75 });
    expect(priced?.cacheWrite).toBeCloseTo(0.25 + 2 * (6 - 3.75), 10);
    expect(priced?.total).toBeCloseTo(3.75 + 2 * (6 - 3.75), 10);
    expect(priceLongCacheWrites(cost, { ...usage, cacheDetails: [] }, { input: 3 })).toBe(cost);
    expect(priceLongCacheWrites(cost, usage, undefined)).toBe(cost);
  });
});

describe('invokedModelId', () => {
  it("reads a prompt router's chosen model, and nothing else", () => {
    expect(invokedModelId({ promptRouter: { invokedModelId: 'anthropic.claude-haiku' } })).toBe(
      'anthropic.claude-haiku',
    );
    expect(invokedModelId({ promptRouter: { invokedModelId: '' } })).toBeUndefined();
    expect(invokedModelId({ promptRouter: { invokedModelId: 7 } })).toBeUndefined();
    expect(invokedModelId(undefined)).toBeUndefined();
  });
});
