export type { AttemptEnd, AttemptObserver, AttemptReason, AttemptStart } from './attempt-observer.js';
export { closeConverseClients, pooledClientCount } from './client-pool.js';
export type { StreamClock } from './clock.js';
export { isContextOverflowMessage } from './context-overflow.js';
export { type BedrockEventStream, converseStream } from './converse-stream.js';
export { type CountTokensOptions, countTokens } from './count-tokens.js';
export {
  ConverseStreamError,
  type ConverseStreamErrorCode,
  type ValidationLocation,
} from './errors.js';
export type { BedrockStreamEvent, BedrockStreamEventType, BedrockUsage, StreamWarning } from './events.js';
export { type InvokeModelOptions, type InvokeModelResult, invokeModel } from './invoke-model.js';
export type { ConverseStreamOptions } from './options.js';
export { type RepairResult, repairConverseRequest } from './repairs.js';
export { createToolInputAccumulator, type ToolInputAccumulator } from './tool-input-accumulator.js';
export { type ValidateOptions, validateConverseRequest } from './validation.js';
