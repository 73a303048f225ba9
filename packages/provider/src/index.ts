// @outcrop/provider: the v1 model contract, the API registry, stream/complete, model refs and fallbacks.
// This entry point imports nothing from AWS; the Bedrock implementation loads on first use.
export { type CompleteResult, collectStream, complete, MessageCollector } from './complete.js';
export { computeCost } from './cost.js';
export {
  ERROR_CODES,
  httpStatusForErrorCode,
  isProviderErrorCode,
  type ProviderErrorCode,
} from './error-codes.js';
export { ProviderError, type ProviderErrorOptions, toProviderError, UnknownModelError } from './errors.js';
export {
  BEDROCK_CONVERSE_STREAM_API,
  getApi,
  hasApi,
  listApis,
  type ProviderLoader,
  registerApi,
  unregisterApi,
} from './registry.js';
export type {
  AssistantMessage,
  BinaryData,
  CacheRetention,
  CallOptions,
  Context,
  DocumentContent,
  ImageContent,
  Message,
  ModelCapabilitiesV1,
  ModelCost,
  ModelInput,
  ModelSpec,
  ProviderV1,
  ReasoningContent,
  ReasoningLevel,
  TextContent,
  ToolCallContent,
  ToolChoice,
  ToolDefinition,
  ToolResultMessage,
  UserMessage,
} from './spec.js';
export { guardStream, stream } from './stream.js';
export {
  type Cost,
  emptyUsage,
  type FinishReason,
  isTerminalPart,
  type ResponseInfo,
  type StreamPart,
  type StreamPartType,
  type TerminalPart,
  type Usage,
  type Warning,
} from './stream-parts.js';
