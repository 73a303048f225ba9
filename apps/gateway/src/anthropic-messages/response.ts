import { randomBytes } from 'node:crypto';
import type { Citation, FinishReason, StreamPart, Usage } from '@outcrop/provider';
import type { SseWriter } from '../sse.js';

/** What every response of one call shares. */
export interface MessageMeta {
  id: string;
  /** The model name as the caller sent it. */
  model: string;
}

export const messageId = (): string => `msg_${randomBytes(12).toString('hex')}`;

type StopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal' | 'pause_turn';

/** The provider's finish as Anthropic's `stop_reason` (Bedrock's raw reason keeps `stop_sequence` apart). */
export function stopReasonOf(finish: FinishReason, raw: string): StopReason {
  switch (finish) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    default:
      return raw === 'stop_sequence' ? 'stop_sequence' : 'end_turn';
  }
}

/** Anthropic's usage: `input_tokens` excludes cache reads and writes, as Bedrock's `inputTokens` does. */
export function usageOf(usage: Usage) {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
  };
}

export function citationOf(citation: Citation): Record<string, unknown> {
  const base = {
    cited_text: citation.quotedText ?? '',
    document_index: citation.documentIndex ?? 0,
    document_title: citation.title ?? null,
  };
  const at = citation.location;
  if (at?.unit === 'page')
    return { type: 'page_location', ...base, start_page_number: at.start, end_page_number: at.end };
  if (at?.unit === 'chunk')
    return { type: 'content_block_location', ...base, start_block_index: at.start, end_block_index: at.end };
  return { type: 'char_location', ...base, start_char_index: at?.start ?? 0, end_char_index: at?.end ?? 0 };
}

type Block =
  | { type: 'text'; text: string; citations?: Record<string, unknown>[] }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

/** Collects stream parts into Anthropic's non-streaming message. Errors surface as thrown provider errors. */
export class MessageCollector {
  private readonly blocks: Block[] = [];
  private readonly open = new Map<string, Block>();

  constructor(private readonly meta: MessageMeta) {}

  see(part: StreamPart): Record<string, unknown> | undefined {
    switch (part.type) {
      case 'text-start':
        this.add(part.id, { type: 'text', text: '' });
        return;
      case 'text-delta': {
        const block = this.open.get(part.id);
        if (block?.type === 'text') block.text += part.delta;
        return;
      }
      case 'citation': {
        const block = this.open.get(part.id);
        if (block?.type !== 'text') return;
        block.citations ??= [];
        block.citations.push(citationOf(part.citation));
        return;
      }
      case 'reasoning-start':
        this.add(part.id, { type: 'thinking', thinking: '', signature: '' });
        return;
      case 'reasoning-delta': {
        const block = this.open.get(part.id);
        if (block?.type === 'thinking') block.thinking += part.delta;
        return;
      }
      case 'reasoning-end': {
        const block = this.open.get(part.id);
        if (block?.type !== 'thinking') return;
        if (part.redactedData !== undefined && block.thinking === '') {
          const index = this.blocks.indexOf(block);
          this.blocks[index] = { type: 'redacted_thinking', data: part.redactedData };
        } else if (part.signature !== undefined) block.signature = part.signature;
        return;
      }
      case 'tool-call-start':
        this.add(part.id, { type: 'tool_use', id: part.toolCallId, name: part.toolName, input: {} });
        return;
      case 'tool-call-end': {
        const block = this.open.get(part.id);
        if (block?.type === 'tool_use') block.input = part.arguments ?? {};
        return;
      }
      case 'finish':
        return {
          id: this.meta.id,
          type: 'message',
          role: 'assistant',
          model: this.meta.model,
          content: this.blocks,
          stop_reason: stopReasonOf(part.finishReason, part.rawStopReason),
          stop_sequence: null,
          usage: usageOf(part.usage),
        };
      default:
        return;
    }
  }

  private add(id: string, block: Block): void {
    this.open.set(id, block);
    this.blocks.push(block);
  }
}

/**
 * Maps stream parts to Anthropic's streaming events (message_start, content_block_start/delta/stop, message_delta,
 * message_stop), numbering content blocks in the order they open (the SDKs append blocks as they start).
 */
export class MessageEventMapper {
  private next = 0;
  private readonly indexOf = new Map<string, number>();
  /** Reasoning blocks not yet announced: a redacted one has no delta and is announced, as such, at its end. */
  private readonly reasoning = new Set<string>();

  constructor(private readonly meta: MessageMeta) {}

  start(sse: SseWriter): void {
    sse.write(
      {
        type: 'message_start',
        message: {
          id: this.meta.id,
          type: 'message',
          role: 'assistant',
          model: this.meta.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          // Input counts arrive with Bedrock's metadata at the end; message_delta carries the real figures.
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
      'message_start',
    );
    sse.write({ type: 'ping' }, 'ping');
  }

  /** Writes the events of one part; returns true when the socket buffer is full. */
  write(part: StreamPart, sse: SseWriter): boolean {
    switch (part.type) {
      case 'text-start':
        return this.open(part.id, { type: 'text', text: '' }, sse);
      case 'text-delta':
        return this.delta(part.id, { type: 'text_delta', text: part.delta }, sse);
      case 'citation':
        return this.delta(part.id, { type: 'citations_delta', citation: citationOf(part.citation) }, sse);
      case 'text-end':
      case 'tool-call-end':
        return this.stop(part.id, sse);
      case 'reasoning-start':
        this.reasoning.add(part.id);
        return false;
      case 'reasoning-delta': {
        const full = this.startReasoning(part.id, sse);
        return this.delta(part.id, { type: 'thinking_delta', thinking: part.delta }, sse) || full;
      }
      case 'reasoning-end': {
        if (this.reasoning.has(part.id) && part.redactedData !== undefined) {
          this.reasoning.delete(part.id);
          this.open(part.id, { type: 'redacted_thinking', data: part.redactedData }, sse);
          return this.stop(part.id, sse);
        }
        this.startReasoning(part.id, sse);
        if (part.signature !== undefined)
          this.delta(part.id, { type: 'signature_delta', signature: part.signature }, sse);
        return this.stop(part.id, sse);
      }
      case 'tool-call-start':
        return this.open(
          part.id,
          { type: 'tool_use', id: part.toolCallId, name: part.toolName, input: {} },
          sse,
        );
      case 'tool-call-delta':
        return this.delta(part.id, { type: 'input_json_delta', partial_json: part.argumentsDelta }, sse);
      case 'finish':
        sse.write(
          {
            type: 'message_delta',
            delta: { stop_reason: stopReasonOf(part.finishReason, part.rawStopReason), stop_sequence: null },
            usage: usageOf(part.usage),
          },
          'message_delta',
        );
        return sse.write({ type: 'message_stop' }, 'message_stop');
      default:
        return false;
    }
  }

  private startReasoning(id: string, sse: SseWriter): boolean {
    if (!this.reasoning.delete(id)) return false;
    return this.open(id, { type: 'thinking', thinking: '', signature: '' }, sse);
  }

  private open(id: string, block: object, sse: SseWriter): boolean {
    const index = this.next++;
    this.indexOf.set(id, index);
    return sse.write({ type: 'content_block_start', index, content_block: block }, 'content_block_start');
  }

  private delta(id: string, delta: object, sse: SseWriter): boolean {
    const index = this.indexOf.get(id);
    if (index === undefined) return false;
    return sse.write({ type: 'content_block_delta', index, delta }, 'content_block_delta');
  }

  private stop(id: string, sse: SseWriter): boolean {
    const index = this.indexOf.get(id);
    if (index === undefined) return false;
    this.indexOf.delete(id);
    return sse.write({ type: 'content_block_stop', index }, 'content_block_stop');
  }
}
