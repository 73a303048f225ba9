// @outcrop/provider/bedrock: the amazon-bedrock provider and its pure mapping functions.
export type * from './bedrock-types.js';
export { countCachePoints, MAX_CACHE_POINTS, placeCachePoints } from './cache-points.js';
export { priceServiceTier, SERVICE_TIER_PRICE_FACTOR } from './call-pricing.js';
export { type BedrockProviderConfig, createBedrockProvider } from './default-provider.js';
export { type BedrockInvoker, bedrockEmbed, EMBED_CONCURRENCY } from './embed.js';
export { toProviderErrorFromBedrock } from './errors.js';
export { documentName, toBedrockMessages, toolCallId } from './message-mapping.js';
export {
  type CapabilityLookup,
  type CapabilityRecord,
  type ModelTraits,
  modelTraits,
} from './model-traits.js';
export { checkPreflight, PreflightError, type PreflightInput, type PreflightRule } from './preflight.js';
export {
  type BedrockEventSource,
  type BedrockProviderSettings,
  type BedrockTokenCounter,
  type BedrockTransport,
  createBedrockProviderWith,
} from './provider.js';
export {
  type BedrockProviderOptions,
  bedrockProviderOptionsSchema,
  parseBedrockProviderOptions,
} from './provider-options.js';
export { planReasoning, THINKING_BUDGETS } from './reasoning.js';
export {
  DEFAULT_MAX_TOKENS,
  type MappedRequest,
  type MappingSettings,
  toConverseStreamRequest,
} from './request-mapping.js';
export {
  type BedrockEvent,
  BedrockStreamMapper,
  mapStopReason,
  normalizeUsage,
  STOP_REASONS,
} from './stream-mapping.js';
export { reduceSchema, STRUCTURED_TOOL_NAME } from './structured-output.js';
export { estimateInputTokens } from './token-estimate.js';
