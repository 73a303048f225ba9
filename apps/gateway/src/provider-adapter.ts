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
            if (part.type === 'reasoning') {
              return {
                type: 'reasoning',
                text: part.text,
                ...(part.signature !== undefined ? { signature: part.signature } : {}),
                ...(part.redactedData !== undefined ? { redactedData: part.redactedData } : {}),
              };
            }
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
export class CallEventMapper {
  private readonly toolIndex = new Map<string, number>();

  constructor(
    private readonly onWarning?: (warning: { code: string; message: string; setting?: string }) => void,
  ) {}

  /** The event for one part, or undefined for parts a client does not see. */
  map(part: StreamPart): CallEvent | undefined {
    switch (part.type) {
      case 'text-delta':
        return { type: 'text', text: part.delta };
      case 'reasoning-delta':
        return { type: 'reasoning', text: part.delta };
      case 'reasoning-end':
        return {
          type: 'reasoning-end',
          ...(part.signature !== undefined ? { signature: part.signature } : {}),
          ...(part.redactedData !== undefined ? { redactedData: part.redactedData } : {}),
        };
      case 'tool-call-start': {
        const index = this.toolIndex.size;
        this.toolIndex.set(part.id, index);
        return { type: 'tool-call-start', index, id: part.toolCallId, name: part.toolName };
      }
      case 'tool-call-delta': {
        const index = this.toolIndex.get(part.id);
        return index === undefined
          ? undefined
          : { type: 'tool-call-delta', index, argumentsDelta: part.argumentsDelta };
      }
      case 'warning':
        this.onWarning?.(part.warning);
        return undefined;
      case 'finish':
        if (part.finishReason === 'error') {
          return {
            type: 'error',
            code: 'model_error',
            message: `The model stopped with an error (${part.rawStopReason}).`,
          };
        }
        return {
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
      case 'error':
        return { type: 'error', code: part.error.code, message: part.error.message };
      default:
        return undefined;
    }
  }
}

/**
 * Call events from provider parts, ending after the terminal event. A hand-written iterator rather than an async
 * generator: it costs one promise per part on the hot path of every streamed token.
 */
export function toCallEvents(
  parts: AsyncIterable<StreamPart> | (() => Promise<AsyncIterable<StreamPart>>),
  onWarning?: (warning: { code: string; message: string; setting?: string }) => void,
): AsyncIterable<CallEvent> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<CallEvent> {
      const mapper = new CallEventMapper(onWarning);
      let inner: AsyncIterator<StreamPart> | undefined;
      let finished = false;
      const source = async () => {
        inner ??= (typeof parts === 'function' ? await parts() : parts)[Symbol.asyncIterator]();
        return inner;
      };
      const pull = async (): Promise<IteratorResult<CallEvent>> => {
        const it = inner ?? (await source());
        for (;;) {
          if (finished) return { done: true, value: undefined };
          const result = await it.next();
          if (result.done) {
            finished = true;
            return { done: true, value: undefined };
          }
          const event = mapper.map(result.value);
          if (event === undefined) continue;
          if (event.type === 'finish' || event.type === 'error') {
            finished = true;
            // Let the provider's generators run their cleanup; nothing follows a terminal part.
            void it.return?.().catch(() => {});
          }
          return { done: false, value: event };
        }
      };
      return {
        next: pull,
        async return(): Promise<IteratorResult<CallEvent>> {
          finished = true;
          await inner?.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
