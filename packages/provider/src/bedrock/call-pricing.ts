// What one Bedrock call costs beyond the cost table's per-token prices: 1 hour cache writes, the service tier
// that served it, and the model a prompt router chose.
import type { BedrockUsage } from '@outcrop/converse-stream';
import type { ModelCost } from '../spec.js';
import type { Cost } from '../stream-parts.js';

/**
 * 1 hour cache writes cost twice the input price (Anthropic's published rule, which Bedrock follows), not the
 * 5 minute write price of the cost table. Applied when Bedrock reports writes per TTL.
 */
export function priceLongCacheWrites(
  cost: Cost | undefined,
  usage: BedrockUsage | undefined,
  prices: Partial<ModelCost> | undefined,
): Cost | undefined {
  const longWrites = (usage?.cacheDetails ?? []).reduce<number>((sum, detail) => {
    const { ttl, inputTokens } = (detail ?? {}) as { ttl?: unknown; inputTokens?: unknown };
    return ttl === '1h' && typeof inputTokens === 'number' && inputTokens > 0 ? sum + inputTokens : sum;
  }, 0);
  if (!cost || !longWrites || !prices?.input) return cost;
  const extra = (longWrites * (2 * prices.input - (prices.cacheWrite ?? 0))) / 1_000_000;
  return { ...cost, cacheWrite: cost.cacheWrite + extra, total: cost.total + extra };
}

/**
 * Per-token price of a tier relative to Standard (AWS "Amazon Bedrock pricing", service tiers: Flex at a 50%
 * discount, Priority at a 75% premium). Reserved is billed per reserved tokens-per-minute each month, so a
 * call has no per-token cost to report.
 */
export const SERVICE_TIER_PRICE_FACTOR: Record<string, number | undefined> = {
  default: 1,
  flex: 0.5,
  priority: 1.75,
  reserved: undefined,
};

export function priceServiceTier(cost: Cost | undefined, tier: string | undefined): Cost | undefined {
  if (!cost || !tier || tier === 'default') return cost;
  const factor = SERVICE_TIER_PRICE_FACTOR[tier];
  if (factor === undefined) return undefined;
  return {
    input: cost.input * factor,
    output: cost.output * factor,
    cacheRead: cost.cacheRead * factor,
    cacheWrite: cost.cacheWrite * factor,
    total: cost.total * factor,
  };
}

/** `trace.promptRouter.invokedModelId` of a prompt router's answer. */
export function invokedModelId(trace: unknown): string | undefined {
  const id = (trace as { promptRouter?: { invokedModelId?: unknown } } | undefined)?.promptRouter
    ?.invokedModelId;
  return typeof id === 'string' && id ? id : undefined;
}
