// @outcrop/provider: createOutcrop (the one composition of the layers), the v1 model contract, typed stream parts
// and errors. This entry point loads nothing from AWS; the Bedrock implementation loads on first use.
export { unknownApiIssues } from './api-check.js';
export { type CompleteResult, collectStream, completeStream, MessageCollector } from './complete.js';
export { computeCost } from './cost.js';
export { estimateContextTokens } from './count-tokens.js';
export { suggestDefaultModel } from './default-model.js';
export { BEDROCK_EMBEDDING_MODELS, type BedrockEmbeddingModel } from './embedding-models.js';
export {
  ERROR_CODES,
  httpStatusForErrorCode,
  isProviderErrorCode,
  type ProviderErrorCode,
} from './error-codes.js';
export {
  type PartialOutput,
  ProviderError,
  type ProviderErrorOptions,
  toProviderError,
  UnknownModelError,
} from './errors.js';
export { type FallbackOptions, shouldFallBack, streamWithFallbacks } from './fallbacks.js';
export { guardStream } from './guard-stream.js';
export { apiOf, buildModelCatalog, refOf } from './model-catalog.js';
export {
  type CreateOutcropOptions,
  createOutcrop,
  type EmulatorHandle,
  type ModelsOptions,
  type Outcrop,
  type OutcropEmulatorOptions,
} from './outcrop.js';
export { createProviderRegistry, type ProviderLoader, type ProviderRegistry } from './provider-registry.js';
export { outputBurndownRate } from './routing/burndown.js';
export type { PoolCount, RouteLedgerStore } from './routing/ledger-store.js';
export type { TargetStatus } from './routing/router.js';
export {
  type AssistantMessage,
  BEDROCK_CONVERSE_STREAM_API,
  type BinaryData,
  type CacheRetention,
  type CallOptions,
  type Citation,
  type Context,
  type DocumentContent,
  type EmbeddingInputType,
  type EmbeddingModelInfo,
  type EmbedOptions,
  type EmbedResult,
  type ImageContent,
  type Message,
  type ModelCapabilitiesV1,
  type ModelCost,
  type ModelInput,
  type ModelSpec,
  type ProviderV1,
  type ReasoningContent,
  type ReasoningLevel,
  type ResponseFormat,
  type ServiceTier,
  type TextContent,
  type TokenCount,
  type ToolCallContent,
  type ToolChoice,
  type ToolDefinition,
  type ToolResultMessage,
  type UserMessage,
} from './spec.js';
export {
  type CacheDetail,
  type Cost,
  emptyUsage,
  type FinishReason,
  isTerminalPart,
  type ResponseInfo,
  type RouteInfo,
  type StreamPart,
  type StreamPartType,
  type TerminalPart,
  type Usage,
  type Warning,
} from './stream-parts.js';
export { parseStructuredOutput, StructuredOutputError } from './structured-result.js';
export type {
  UpstreamAttempt,
  UpstreamAttemptEnd,
  UpstreamAttemptObserver,
  UpstreamAttemptReason,
  UpstreamAttemptTarget,
} from './upstream-attempt.js';
export { chooseUpstream, type EmulatorMode } from './upstream-choice.js';
