import { randomBytes } from 'node:crypto';
import type { FinishReason, StreamPart, Usage } from '@outcrop/provider';
import { GatewayError } from './errors.js';
import { upstreamFailure } from './upstream-errors.js';

/** OpenAI's finish reasons; anything else the model reports maps to the nearest honest one. */
export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** `error` never reaches this table: a finish with reason `error` is a failure (see upstreamFailure). */
const FINISH_REASONS: Record<Exclude<FinishReason, 'error'>, OpenAIFinishReason> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  other: 'stop',
};

export function finishReasonOf(reason: FinishReason): OpenAIFinishReason {
  return reason === 'error' ? 'stop' : FINISH_REASONS[reason];
}

/** Parts an OpenAI client sees something of; the rest (stream-start, warnings, block starts and ends) it does not. */
export function isClientVisible(part: StreamPart): boolean {
  switch (part.type) {
    case 'text-delta':
    case 'reasoning-delta':
    case 'tool-call-start':
    case 'tool-call-delta':
    case 'finish':
    case 'error':
      return true;
    default:
      return false;
  }
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
export function toOpenAIUsage(usage: Usage): OpenAIUsage {
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
 * Turns provider stream parts into `chat.completion.chunk` JSON texts, in order, one part at a time. OpenAI
 * numbers tool calls 0, 1, 2... in the order they start; the provider names blocks by id, so the index is
 * assigned here. The parts every chunk shares are serialized once; per token only the delta is.
 */
export class ChunkMapper {
  private readonly toolIndex = new Map<string, number>();
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

  /** Chunks for one part; a `finish` yields the closing chunk and, when asked for, the usage chunk. */
  map(part: StreamPart): string[] {
    switch (part.type) {
      case 'text-delta':
        return part.delta ? [`${this.open}{"content":${JSON.stringify(part.delta)}}${this.tail}`] : [];
      case 'reasoning-delta':
        return part.delta
          ? [`${this.open}{"reasoning_content":${JSON.stringify(part.delta)}}${this.tail}`]
          : [];
      case 'tool-call-start': {
        const index = this.toolIndex.size;
        this.toolIndex.set(part.id, index);
        const call = {
          index,
          id: part.toolCallId,
          type: 'function',
          function: { name: part.toolName, arguments: '' },
        };
        return [`${this.open}${JSON.stringify({ tool_calls: [call] })}${this.tail}`];
      }
      case 'tool-call-delta': {
        const index = this.toolIndex.get(part.id);
        return part.argumentsDelta && index !== undefined
          ? [
              `${this.open}{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(part.argumentsDelta)}}}]}${this.tail}`,
            ]
          : [];
      }
      case 'finish': {
        const reason = finishReasonOf(part.finishReason);
        const out = [
          `${this.open}{},"logprobs":null,"finish_reason":"${reason}"}]${this.includeUsage ? ',"usage":null' : ''}}`,
        ];
        if (this.includeUsage) {
          out.push(`${this.head},"choices":[],"usage":${JSON.stringify(toOpenAIUsage(part.usage))}}`);
        }
        return out;
      }
      default:
        // Errors end the stream through the SSE writer, never as a normal chunk; other parts show nothing.
        return [];
    }
  }

  /** Writes the chunks of one part; true when the socket buffer is full and the caller should wait. */
  write(part: StreamPart, sse: { write(data: string): boolean }): boolean {
    let full = false;
    for (const chunk of this.map(part)) full = sse.write(chunk) || full;
    return full;
  }
}

interface ToolCallState {
  id: string;
  name: string;
  arguments: string[];
}

/** Collects a whole stream into one `chat.completion`; a failure throws it as a GatewayError. */
export async function collectCompletion(
  parts: AsyncIterable<StreamPart>,
  meta: ResponseMeta,
  onPart?: (part: StreamPart) => void,
): Promise<object> {
  const text: string[] = [];
  const reasoning: string[] = [];
  const toolCalls = new Map<string, ToolCallState>();
  let finish: Extract<StreamPart, { type: 'finish' }> | undefined;

  for await (const part of parts) {
    onPart?.(part);
    const failure = upstreamFailure(part);
    if (failure) throw failure;
    switch (part.type) {
      case 'text-delta':
        text.push(part.delta);
        break;
      case 'reasoning-delta':
        reasoning.push(part.delta);
        break;
      case 'tool-call-start':
        toolCalls.set(part.id, { id: part.toolCallId, name: part.toolName, arguments: [] });
        break;
      case 'tool-call-delta':
        toolCalls.get(part.id)?.arguments.push(part.argumentsDelta);
        break;
      case 'finish':
        finish = part;
        break;
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
    // In the order they started (a Map keeps insertion order), as the streamed indices number them.
    message.tool_calls = [...toolCalls.values()].map((call) => ({
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
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(finish.finishReason) }],
    usage: toOpenAIUsage(finish.usage),
  };
  return completion;
}
