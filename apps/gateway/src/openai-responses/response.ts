import { randomBytes } from 'node:crypto';
import type { StreamPart, Usage } from '@outcrop/provider';
import type { SseWriter } from '../sse.js';
import { sealReasoning } from './reasoning-token.js';

export interface ResponseMeta {
  id: string;
  model: string;
  createdAt: number;
  /** Echoed settings the Response object carries. */
  echo: Record<string, unknown>;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
export const responseId = () => newId('resp');

type Item =
  | {
      type: 'reasoning';
      id: string;
      summary: { type: 'summary_text'; text: string }[];
      encrypted_content?: string;
    }
  | {
      type: 'message';
      id: string;
      role: 'assistant';
      status: string;
      content: { type: 'output_text'; text: string; annotations: unknown[] }[];
    }
  | { type: 'function_call'; id: string; call_id: string; name: string; arguments: string; status: string };

function usageOf(usage: Usage) {
  const cached = usage.cacheReadTokens;
  const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: cached },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + usage.outputTokens,
  };
}

/**
 * Builds the Response object from stream parts and, when given an SSE writer, the streaming events along the
 * way (`response.created`, `response.output_item.added`, `response.output_text.delta`,
 * `response.function_call_arguments.delta`, `response.reasoning_summary_text.delta`, `..._done`,
 * `response.completed`). One class for both, so the streamed and the collected shapes cannot drift.
 */
export class ResponseBuilder {
  private readonly output: Item[] = [];
  private readonly open = new Map<string, { index: number; item: Item }>();
  private sequence = 0;
  private status: 'in_progress' | 'completed' | 'incomplete' = 'in_progress';
  private usage: ReturnType<typeof usageOf> | null = null;
  private incomplete: { reason: string } | null = null;

  constructor(private readonly meta: ResponseMeta) {}

  response(): Record<string, unknown> {
    return {
      id: this.meta.id,
      object: 'response',
      created_at: this.meta.createdAt,
      status: this.status,
      model: this.meta.model,
      output: this.output,
      usage: this.usage,
      error: null,
      incomplete_details: this.incomplete,
      store: false,
      ...this.meta.echo,
    };
  }

  start(sse: SseWriter): void {
    this.emit(sse, 'response.created', { response: this.response() });
    this.emit(sse, 'response.in_progress', { response: this.response() });
  }

  /** Applies one part; with `sse`, writes its events. Returns true when the socket buffer is full. */
  see(part: StreamPart, sse?: SseWriter): boolean {
    switch (part.type) {
      case 'reasoning-start':
        return this.add(part.id, { type: 'reasoning', id: newId('rs'), summary: [] }, sse);
      case 'reasoning-delta': {
        const entry = this.open.get(part.id);
        if (entry?.item.type !== 'reasoning') return false;
        const item = entry.item;
        let full = false;
        if (item.summary.length === 0) {
          item.summary.push({ type: 'summary_text', text: '' });
          full = this.emit(sse, 'response.reasoning_summary_part.added', {
            item_id: item.id,
            output_index: entry.index,
            summary_index: 0,
            part: { type: 'summary_text', text: '' },
          });
        }
        item.summary[0]!.text += part.delta;
        return (
          this.emit(sse, 'response.reasoning_summary_text.delta', {
            item_id: item.id,
            output_index: entry.index,
            summary_index: 0,
            delta: part.delta,
          }) || full
        );
      }
      case 'reasoning-end': {
        const entry = this.open.get(part.id);
        if (entry?.item.type !== 'reasoning') return false;
        const text = entry.item.summary[0]?.text ?? '';
        entry.item.encrypted_content = sealReasoning({
          text,
          ...(part.signature !== undefined ? { signature: part.signature } : {}),
          ...(part.redactedData !== undefined ? { redactedData: part.redactedData } : {}),
        });
        return this.done(part.id, sse);
      }
      case 'text-start': {
        const full = this.add(
          part.id,
          { type: 'message', id: newId('msg'), role: 'assistant', status: 'in_progress', content: [] },
          sse,
        );
        const entry = this.open.get(part.id)!;
        const item = entry.item as Extract<Item, { type: 'message' }>;
        item.content.push({ type: 'output_text', text: '', annotations: [] });
        return (
          this.emit(sse, 'response.content_part.added', {
            item_id: item.id,
            output_index: entry.index,
            content_index: 0,
            part: { type: 'output_text', text: '', annotations: [] },
          }) || full
        );
      }
      case 'text-delta': {
        const entry = this.open.get(part.id);
        if (entry?.item.type !== 'message') return false;
        entry.item.content[0]!.text += part.delta;
        return this.emit(sse, 'response.output_text.delta', {
          item_id: entry.item.id,
          output_index: entry.index,
          content_index: 0,
          delta: part.delta,
          logprobs: [],
        });
      }
      case 'text-end': {
        const entry = this.open.get(part.id);
        if (entry?.item.type !== 'message') return false;
        const item = entry.item;
        item.status = 'completed';
        this.emit(sse, 'response.output_text.done', {
          item_id: item.id,
          output_index: entry.index,
          content_index: 0,
          text: item.content[0]!.text,
          logprobs: [],
        });
        this.emit(sse, 'response.content_part.done', {
          item_id: item.id,
          output_index: entry.index,
          content_index: 0,
          part: item.content[0],
        });
        return this.done(part.id, sse);
      }
      case 'tool-call-start':
        return this.add(
          part.id,
          {
            type: 'function_call',
            id: newId('fc'),
            call_id: part.toolCallId,
            name: part.toolName,
            arguments: '',
            status: 'in_progress',
          },
          sse,
        );
      case 'tool-call-delta': {
        const entry = this.open.get(part.id);
        if (entry?.item.type !== 'function_call') return false;
        entry.item.arguments += part.argumentsDelta;
        return this.emit(sse, 'response.function_call_arguments.delta', {
          item_id: entry.item.id,
          output_index: entry.index,
          delta: part.argumentsDelta,
        });
      }
      case 'tool-call-end': {
        const entry = this.open.get(part.id);
        if (entry?.item.type !== 'function_call') return false;
        entry.item.status = 'completed';
        if (entry.item.arguments === '') entry.item.arguments = part.rawArguments || '{}';
        this.emit(sse, 'response.function_call_arguments.done', {
          item_id: entry.item.id,
          output_index: entry.index,
          arguments: entry.item.arguments,
        });
        return this.done(part.id, sse);
      }
      case 'finish':
        this.usage = usageOf(part.usage);
        if (part.finishReason === 'length') {
          this.status = 'incomplete';
          this.incomplete = { reason: 'max_output_tokens' };
        } else if (part.finishReason === 'content-filter') {
          this.status = 'incomplete';
          this.incomplete = { reason: 'content_filter' };
        } else this.status = 'completed';
        return this.emit(sse, this.status === 'completed' ? 'response.completed' : 'response.incomplete', {
          response: this.response(),
        });
      default:
        return false;
    }
  }

  private add(id: string, item: Item, sse: SseWriter | undefined): boolean {
    const index = this.output.length;
    this.output.push(item);
    this.open.set(id, { index, item });
    return this.emit(sse, 'response.output_item.added', { output_index: index, item });
  }

  private done(id: string, sse: SseWriter | undefined): boolean {
    const entry = this.open.get(id);
    if (!entry) return false;
    this.open.delete(id);
    return this.emit(sse, 'response.output_item.done', { output_index: entry.index, item: entry.item });
  }

  private emit(sse: SseWriter | undefined, type: string, data: Record<string, unknown>): boolean {
    if (!sse) return false;
    return sse.write({ type, sequence_number: this.sequence++, ...data }, type);
  }

  /** The `response.failed`-style error event OpenAI's SDKs raise as an APIError. */
  fail(sse: SseWriter, code: string, message: string): void {
    sse.fail({ type: 'error', sequence_number: this.sequence++, code, message, param: null }, 'error');
  }
}
