// What the request mapping needs to know about a Bedrock model, from the model spec and the
// capability table (discovery's lookupCapabilities), never from substring guesses on its name alone.
import type { ModelCapabilitiesV1, ModelCost, ModelSpec } from '../spec.js';

export type ReasoningDialect = NonNullable<ModelCapabilitiesV1['reasoningDialect']>;

/** The fields of discovery's ModelCapabilities this provider reads. */
export interface CapabilityRecord {
  reasoning: boolean;
  reasoningDialect: ReasoningDialect;
  toolUse: boolean;
  promptCaching: boolean;
  temperature: boolean;
  maxTokens: number;
  cost?: ModelCost;
}

export type CapabilityLookup = (modelId: string) => CapabilityRecord | undefined;

export interface ModelTraits {
  /** Anthropic models verify signed reasoning and accept redacted reasoning back. */
  anthropic: boolean;
  reasoning: boolean;
  reasoningDialect: ReasoningDialect;
  toolUse: boolean;
  promptCaching: boolean;
  /** false: the model rejects temperature. */
  temperature: boolean;
  maxTokens: number | undefined;
  cost: Partial<ModelCost> | undefined;
}

export function modelTraits(model: ModelSpec, lookup?: CapabilityLookup): ModelTraits {
  const table = lookup?.(model.id);
  const declared = model.capabilities;
  const anthropic =
    /(^|[./])anthropic\.claude/.test(model.id) || table?.reasoningDialect?.startsWith('anthropic') === true;
  const reasoning = declared?.reasoning ?? table?.reasoning ?? model.reasoning ?? false;
  const dialect =
    declared?.reasoningDialect ??
    table?.reasoningDialect ??
    // Unknown families get no reasoning fields: an unexpected field is a ValidationException on Bedrock.
    (reasoning && anthropic ? 'anthropic-budget' : 'none');
  return {
    anthropic,
    reasoning,
    reasoningDialect: reasoning ? dialect : 'none',
    toolUse: declared?.toolUse ?? table?.toolUse ?? true,
    promptCaching: declared?.promptCaching ?? table?.promptCaching ?? false,
    temperature: declared?.temperature ?? table?.temperature ?? true,
    maxTokens: model.maxTokens ?? table?.maxTokens,
    // A configured price of 0 (a free or self-billed model) is a price, not "unset".
    cost: hasPrices(model.cost) ? model.cost : table?.cost,
  };
}

function hasPrices(cost: Partial<ModelCost> | undefined): cost is Partial<ModelCost> {
  return !!cost && Object.values(cost).some((price) => typeof price === 'number');
}
