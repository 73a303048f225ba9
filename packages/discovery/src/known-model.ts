import type { ModelCapabilities } from './capabilities.js';
import type { ModelCost, ModelInput } from './upstream-types.js';

/** One row of the built-in capability table, keyed by base model id. */
export interface KnownModel extends Omit<ModelCapabilities, 'input'> {
  input: readonly ModelInput[];
  name: string;
  providerName: string;
}

/**
 * The day the list prices below were compiled: us-east-1, on-demand, standard tier, USD per 1M tokens,
 * from the Amazon Bedrock pricing page as mirrored by public catalogues. Cross-region (geo) profiles
 * bill the same rate; some newer models bill regional endpoints 10% above global ones.
 */
export const PRICE_DATE = '2026-11-22';

export function price(
  input: number,
  output: number,
  cacheRead = 0,
  cacheWrite = 0,
): Pick<KnownModel, 'cost' | 'priceDate'> {
  const cost: ModelCost = { input, output, cacheRead, cacheWrite };
  return { cost, priceDate: PRICE_DATE };
}
