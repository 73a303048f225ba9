import type { ModelCost } from './spec.js';
import type { Cost, Usage } from './stream-parts.js';

/** Prices usage with a per-1M-token cost table. Undefined when the model has no prices; 0 is a price. */
export function computeCost(usage: Usage, cost: Partial<ModelCost> | undefined): Cost | undefined {
  if (!cost || !Object.values(cost).some((price) => typeof price === 'number')) return undefined;
  const perToken = (price: number | undefined, tokens: number) => ((price ?? 0) * tokens) / 1_000_000;
  const input = perToken(cost.input, usage.inputTokens);
  const output = perToken(cost.output, usage.outputTokens);
  const cacheRead = perToken(cost.cacheRead, usage.cacheReadTokens);
  const cacheWrite = perToken(cost.cacheWrite, usage.cacheWriteTokens);
  return { input, output, cacheRead, cacheWrite, total: input + output + cacheRead + cacheWrite };
}
