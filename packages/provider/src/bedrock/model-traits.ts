// What the request mapping needs to know about a Bedrock model, from the model spec and the
// capability table (discovery's lookupCapabilities), never from substring guesses on its name alone.

import type { ModelCapabilitiesV1, ModelCost, ModelInput, ModelSpec, ServiceTier } from '../spec.js';
import { hasLongCacheTtl } from './cache-points.js';

export type ReasoningDialect = NonNullable<ModelCapabilitiesV1['reasoningDialect']>;

/** The fields of discovery's ModelCapabilities this provider reads. */
export interface CapabilityRecord {
  reasoning: boolean;
  reasoningDialect: ReasoningDialect;
  toolUse: boolean;
  promptCaching: boolean;
  temperature: boolean;
  maxTokens: number;
  contextWindow?: number;
  input?: readonly ModelInput[];
  cost?: ModelCost;
  systemPrompt?: boolean;
  toolChoice?: readonly ('auto' | 'any' | 'tool')[];
  structuredOutput?: boolean;
  serviceTiers?: readonly ServiceTier[];
  promptCacheMinTokens?: number;
  promptCacheLongTtl?: boolean;
  citations?: boolean;
  countTokens?: boolean;
}

export type CapabilityLookup = (modelId: string) => CapabilityRecord | undefined;

export interface ModelTraits {
  /** The capability table or the spec's declared capabilities describe this model: pre-flight checks apply. */
  known: boolean;
  /** Anthropic models verify signed reasoning and accept redacted reasoning back. */
  anthropic: boolean;
  reasoning: boolean;
  reasoningDialect: ReasoningDialect;
  toolUse: boolean;
  promptCaching: boolean;
  /** false: the model rejects temperature. */
  temperature: boolean;
  maxTokens: number | undefined;
  contextWindow: number | undefined;
  /** Input modalities; undefined when nothing says. */
  input: readonly ModelInput[] | undefined;
  cost: Partial<ModelCost> | undefined;
  systemPrompt: boolean;
  /** Tool choices the model accepts; undefined when nothing says. */
  toolChoice: readonly ('auto' | 'any' | 'tool')[] | undefined;
  structuredOutput: boolean;
  /** undefined: unknown model, any tier is sent as asked. */
  serviceTiers: readonly ServiceTier[] | undefined;
  promptCacheMinTokens: number | undefined;
  promptCacheLongTtl: boolean;
  citations: boolean;
  countTokens: boolean;
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
    known: table !== undefined,
    anthropic,
    reasoning,
    reasoningDialect: reasoning ? dialect : 'none',
    toolUse: declared?.toolUse ?? table?.toolUse ?? true,
    promptCaching: declared?.promptCaching ?? table?.promptCaching ?? false,
    temperature: declared?.temperature ?? table?.temperature ?? true,
    maxTokens: model.maxTokens ?? table?.maxTokens,
    contextWindow: model.contextWindow ?? table?.contextWindow,
    input: table?.input ?? model.input,
    // A configured price of 0 (a free or self-billed model) is a price, not "unset".
    cost: hasPrices(model.cost) ? model.cost : table?.cost,
    systemPrompt: table?.systemPrompt ?? true,
    toolChoice: table?.toolChoice,
    structuredOutput: declared?.structuredOutput ?? table?.structuredOutput ?? false,
    serviceTiers: declared?.serviceTiers ?? table?.serviceTiers,
    promptCacheMinTokens: table?.promptCacheMinTokens,
    promptCacheLongTtl: table?.promptCacheLongTtl ?? (anthropic && hasLongCacheTtl(model.id)),
    citations: table?.citations ?? false,
    countTokens: table?.countTokens ?? false,
  };
}

function hasPrices(cost: Partial<ModelCost> | undefined): cost is Partial<ModelCost> {
  return !!cost && Object.values(cost).some((price) => typeof price === 'number');
}
