import { type ModelCapabilities, ZERO_COST } from './capabilities.js';
import type { ModelCost, ModelInput } from './upstream-types.js';

export type Invocation = 'on-demand' | 'inference-profile' | 'application-profile';

/** A model the current credentials can call in `region`, by `id`. */
export interface DiscoveredModel {
  /** The id to call it by: bare id, system profile id or application profile ARN. */
  id: string;
  name: string;
  providerName: string;
  baseModelId: string;
  invocation: Invocation;
  /** The region to send the request to. */
  region: string;
  /** Found in the built-in capability table. */
  known: boolean;
  reasoning: boolean;
  input: ModelInput[];
  contextWindow: number;
  maxTokens: number;
  /** USD per 1M tokens; zeros when the price is not known (see `capabilities.cost`). */
  cost: ModelCost;
  capabilities: ModelCapabilities;
}

/** The fields a model copies from its capabilities, as fresh arrays and objects so no caller can edit the table. */
export function capabilityFields(
  capabilities: ModelCapabilities,
): Pick<DiscoveredModel, 'reasoning' | 'input' | 'contextWindow' | 'maxTokens' | 'cost' | 'capabilities'> {
  return {
    reasoning: capabilities.reasoning,
    input: [...capabilities.input],
    contextWindow: capabilities.contextWindow,
    maxTokens: capabilities.maxTokens,
    cost: { ...(capabilities.cost ?? ZERO_COST) },
    capabilities,
  };
}
