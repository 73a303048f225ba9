import type {
  AssistantMessage,
  CallOptions,
  Context,
  ImageContent,
  Message,
  StreamPart,
} from '@outcrop/provider';
import type { CallEvent, CallFinishReason, ModelCall } from './model-call.js';

type AssistantContent = AssistantMessage['content'][number];

/** The neutral model call in the provider's v1 contract: a context and one flat options object. */
export function toProviderCall(
  call: ModelCall,
  signal: AbortSignal,
): { context: Context; options: CallOptions } {
  const messages: Message[] = [];
  for (const message of call.messages) {
    switch (message.role) {
      case 'user':
        messages.push({
          role: 'user',
          content: message.content.map((part) =>
            part.type === 'text'
              ? { type: 'text', text: part.text }
              : { type: 'image', data: part.data, mediaType: part.mimeType as ImageContent['mediaType'] },
          ),
        });
        break;
      case 'assistant':
        messages.push({
          role: 'assistant',
          content: message.content.map((part): AssistantContent => {
            if (part.type === 'text') return { type: 'text', text: part.text };
            if (part.type === 'reasoning') return { type: 'reasoning', text: part.text };
            return { type: 'tool-call', toolCallId: part.id, toolName: part.name, arguments: part.input };
          }),
        });
        break;
      case 'tool':
        messages.push({
          role: 'tool',
          toolCallId: message.toolCallId,
          toolName: message.toolName,
          content: message.content,
        });
        break;
    }
  }

  const context: Context = { messages };
  if (call.system !== undefined) context.system = call.system;
  if (call.tools !== undefined) context.tools = call.tools;

  const options: CallOptions = { signal };
  if (call.maxTokens !== undefined) options.maxTokens = call.maxTokens;
  if (call.temperature !== undefined) options.temperature = call.temperature;
  if (call.topP !== undefined) options.topP = call.topP;
  if (call.stopSequences !== undefined) options.stopSequences = call.stopSequences;
  if (call.reasoning !== undefined) options.reasoning = call.reasoning;
  if (call.toolChoice !== undefined) {
    options.toolChoice =
      typeof call.toolChoice === 'string'
        ? call.toolChoice
        : { type: 'tool', toolName: call.toolChoice.name };
  }
  return { context, options };
}

/**
 * Provider stream parts as gateway events. OpenAI numbers tool calls 0, 1, 2... in the order they start; the
 * provider names blocks by id, so the index is assigned here. A `finish` whose reason is `error` is a failure,
 * not a stop, and becomes an error event.
 */
export async function* toCallEvents(
  parts: AsyncIterable<StreamPart>,
  onWarning?: (warning: { code: string; message: string }) => void,
): AsyncGenerator<CallEvent> {
  const toolIndex = new Map<string, number>();
  for await (const part of parts) {
    switch (part.type) {
      case 'text-delta':
        yield { type: 'text', text: part.delta };
        break;
      case 'reasoning-delta':
        yield { type: 'reasoning', text: part.delta };
        break;
      case 'tool-call-start': {
        const index = toolIndex.size;
        toolIndex.set(part.id, index);
        yield { type: 'tool-call-start', index, id: part.toolCallId, name: part.toolName };
        break;
      }
      case 'tool-call-delta': {
        const index = toolIndex.get(part.id);
        if (index !== undefined)
          yield { type: 'tool-call-delta', index, argumentsDelta: part.argumentsDelta };
        break;
      }
      case 'warning':
        onWarning?.(part.warning);
        break;
      case 'finish':
        if (part.finishReason === 'error') {
          yield {
            type: 'error',
            code: 'model_error',
            message: `The model stopped with an error (${part.rawStopReason}).`,
          };
        } else {
          yield {
            type: 'finish',
            reason: part.finishReason as CallFinishReason,
            rawReason: part.rawStopReason,
            usage: {
              inputTokens: part.usage.inputTokens,
              outputTokens: part.usage.outputTokens,
              cacheReadTokens: part.usage.cacheReadTokens,
              cacheWriteTokens: part.usage.cacheWriteTokens,
            },
          };
        }
        return;
      case 'error':
        yield { type: 'error', code: part.error.code, message: part.error.message };
        return;
      default:
        break;
    }
  }
}
