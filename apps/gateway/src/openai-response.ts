import { randomBytes } from 'node:crypto';
import { GatewayError } from './errors.js';
import type { CallEvent, CallFinishReason, CallUsage } from './model-call.js';

/** OpenAI's finish reasons; anything else the model reports maps to the nearest honest one. */
export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

const FINISH_REASONS: Record<CallFinishReason, OpenAIFinishReason> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  other: 'stop',
};

export function finishReasonOf(reason: CallFinishReason): OpenAIFinishReason {
  return FINISH_REASONS[reason];
}

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens: number };
}

/**
 * OpenAI counts cached tokens inside `prompt_tokens`; the provider reports input net of cache reads and writes,
 * so the prompt total adds them back and `cached_tokens` names the part served from cache.
 */
export function toOpenAIUsage(usage: CallUsage): OpenAIUsage {
  const prompt = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.outputTokens,
    total_tokens: prompt + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cacheReadTokens,
      cache_write_tokens: usage.cacheWriteTokens,
    },
  };
}

export function completionId(): string {
  return `chatcmpl-${randomBytes(12).toString('base64url')}`;
}

interface ResponseMeta {
  id: string;
  model: string;
  created: number;
}

/**
 * Turns call events into `chat.completion.chunk` JSON texts, in order, one event at a time. The parts every chunk
 * shares are serialized once; per token only the delta is.
 */
export class ChunkMapper {
  private readonly includeUsage: boolean;
  private readonly head: string;
  private readonly open: string;
  private readonly tail: string;

  constructor(meta: ResponseMeta, options: { includeUsage: boolean }) {
    this.includeUsage = options.includeUsage;
    this.head = `{"id":${JSON.stringify(meta.id)},"object":"chat.completion.chunk","created":${meta.created},"model":${JSON.stringify(meta.model)}`;
    this.open = `${this.head},"choices":[{"index":0,"delta":`;
    this.tail = `,"logprobs":null,"finish_reason":null}]${this.includeUsage ? ',"usage":null' : ''}}`;
  }

  /** The opening chunk that announces the assistant role. */
  start(): string {
    return `${this.open}{"role":"assistant","content":""}${this.tail}`;
  }

  /** Chunks for one event; a `finish` yields the closing chunk and, when asked for, the usage chunk. */
  map(event: CallEvent): string[] {
    switch (event.type) {
      case 'text':
        return event.text ? [`${this.open}{"content":${JSON.stringify(event.text)}}${this.tail}`] : [];
      case 'reasoning':
        return event.text
          ? [`${this.open}{"reasoning_content":${JSON.stringify(event.text)}}${this.tail}`]
          : [];
      case 'tool-call-start': {
        const call = {
          index: event.index,
          id: event.id,
          type: 'function',
          function: { name: event.name, arguments: '' },
        };
        return [`${this.open}${JSON.stringify({ tool_calls: [call] })}${this.tail}`];
      }
      case 'tool-call-delta':
        return event.argumentsDelta
          ? [
              `${this.open}{"tool_calls":[{"index":${event.index},"function":{"arguments":${JSON.stringify(event.argumentsDelta)}}}]}${this.tail}`,
            ]
          : [];
      case 'finish': {
        const reason = finishReasonOf(event.reason);
        const out = [
          `${this.open}{},"logprobs":null,"finish_reason":"${reason}"}]${this.includeUsage ? ',"usage":null' : ''}}`,
        ];
        if (this.includeUsage && event.usage) {
          out.push(`${this.head},"choices":[],"usage":${JSON.stringify(toOpenAIUsage(event.usage))}}`);
        }
        return out;
      }
      case 'reasoning-end':
        return [];
      case 'error':
        // Errors end the stream through the SSE writer, never as a normal chunk.
        return [];
    }
  }

  /** Writes the chunks of one event; true when the socket buffer is full and the caller should wait. */
  write(event: CallEvent, sse: { write(data: string): boolean }): boolean {
    let full = false;
    for (const chunk of this.map(event)) full = sse.write(chunk) || full;
    return full;
  }
}

interface ToolCallState {
  id: string;
  name: string;
  arguments: string[];
}

/** Collects a whole call into one `chat.completion`; an error event throws it as a GatewayError. */
export async function collectCompletion(
  events: AsyncIterable<CallEvent>,
  meta: ResponseMeta,
  onEvent?: (event: CallEvent) => void,
): Promise<object> {
  const text: string[] = [];
  const reasoning: string[] = [];
  const toolCalls = new Map<number, ToolCallState>();
  let finish: Extract<CallEvent, { type: 'finish' }> | undefined;

  for await (const event of events) {
    onEvent?.(event);
    switch (event.type) {
      case 'text':
        text.push(event.text);
        break;
      case 'reasoning':
        reasoning.push(event.text);
        break;
      case 'tool-call-start':
        toolCalls.set(event.index, { id: event.id, name: event.name, arguments: [] });
        break;
      case 'tool-call-delta':
        toolCalls.get(event.index)?.arguments.push(event.argumentsDelta);
        break;
      case 'finish':
        finish = event;
        break;
      case 'error':
        throw new GatewayError(event.code, event.message);
    }
  }
  if (!finish) throw new GatewayError('truncated', 'The model stream ended without a finish.');

  const message: Record<string, unknown> = {
    role: 'assistant',
    content: text.length > 0 ? text.join('') : null,
    refusal: null,
  };
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('');
  if (toolCalls.size > 0) {
    message.tool_calls = [...toolCalls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, call]) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments.join('') },
      }));
  }
  const completion: Record<string, unknown> = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(finish.reason) }],
  };
  if (finish.usage) completion.usage = toOpenAIUsage(finish.usage);
  return completion;
}
