// A worked third-party provider: OpenAI-compatible chat completions behind the @outcrop/provider contract.
export {
  createOpenAICompatibleProvider,
  OPENAI_CHAT_COMPLETIONS_API,
  type OpenAICompatibleSettings,
} from './provider.js';
export {
  type ChatProviderOptions,
  chatProviderOptionsSchema,
  parseChatProviderOptions,
} from './provider-options.js';
export { type ChatMessage, type ChatRequest, toChatRequest } from './request.js';
export { type ChatChunk, ChatStreamMapper } from './stream-mapping.js';
