// collectStream(): runs a stream to its end and collects the assistant message it produced (`complete`).

import type { ProviderError } from './errors.js';
import type {
  AssistantMessage,
  CallOptions,
  ReasoningContent,
  TextContent,
  ToolCallContent,
} from './spec.js';
import type { Cost, FinishReason, ResponseInfo, StreamPart, Usage, Warning } from './stream-parts.js';
import { parseStructuredOutput } from './structured-result.js';

export interface CompleteResult {
  message: AssistantMessage;
  finishReason: FinishReason;
  rawStopReason: string;
  usage: Usage;
  cost?: Cost;
  latencyMs?: number;
  warnings: Warning[];
  response: ResponseInfo;
  /** The service tier that served the call, when known. */
  serviceTier?: string;
  /** With `responseFormat`: the answer parsed and validated against the schema. */
  object?: unknown;
}

/**
 * Collects a stream; throws the typed error of an `error` part, carrying what was generated before it
 * (`error.partial`). With `options.responseFormat` the answer is parsed and validated into `object`; a mismatch
 * throws a StructuredOutputError that carries the raw text.
 */
export async function completeStream(
  parts: AsyncIterable<StreamPart>,
  options: Pick<CallOptions, 'responseFormat'> = {},
): Promise<CompleteResult> {
  const result = await collectStream(parts);
  if (!options.responseFormat) return result;
  const text = result.message.content
    .filter((block): block is TextContent => block.type === 'text')
    .map((block) => block.text)
    .join('');
  return { ...result, object: parseStructuredOutput(text, options.responseFormat) };
}

/** Collects a stream; throws the typed error of an `error` part. */
export async function collectStream(parts: AsyncIterable<StreamPart>): Promise<CompleteResult> {
  const collector = new MessageCollector();
  for await (const part of parts) {
    if (part.type === 'error') throw withPartial(part.error, collector, part.usage);
    if (part.type === 'finish') {
      return {
        message: collector.message,
        finishReason: part.finishReason,
        rawStopReason: part.rawStopReason,
        usage: part.usage,
        ...(part.cost ? { cost: part.cost } : {}),
        ...(part.latencyMs === undefined ? {} : { latencyMs: part.latencyMs }),
        warnings: collector.warnings,
        response: part.response,
        ...(part.serviceTier ? { serviceTier: part.serviceTier } : {}),
      };
    }
    collector.push(part);
  }
  throw new Error('unreachable: stream() always ends with a terminal part');
}

/** Keeps what the call produced before failing on the error (it was generated, and billed). */
function withPartial(
  error: ProviderError,
  collector: MessageCollector,
  usage: Usage | undefined,
): ProviderError {
  const content = collector.message.content;
  if (!content.length && !usage) return error;
  let text = '';
  let reasoning = '';
  const toolCalls: NonNullable<ProviderError['partial']>['toolCalls'] = [];
  for (const block of content) {
    if (block.type === 'text') text += block.text;
    else if (block.type === 'reasoning') reasoning += block.text;
    else {
      toolCalls.push({
        toolCallId: block.toolCallId,
        toolName: block.toolName,
        arguments: block.arguments,
        rawArguments: collector.rawArgumentsOf(block),
      });
    }
  }
  error.partial = { text, reasoning, toolCalls, ...(usage ? { usage } : {}) };
  return error;
}

/** Builds an AssistantMessage from stream parts, block by block in the order blocks started. */
export class MessageCollector {
  readonly message: AssistantMessage = { role: 'assistant', content: [] };
  readonly warnings: Warning[] = [];
  /** Tool-call arguments as streamed so far (a call cut off mid-way has no parsed arguments yet). */
  readonly rawArguments = new Map<ToolCallContent, string>();
  private readonly chunks = new Map<string, string[]>();
  private readonly open = new Map<string, TextContent | ReasoningContent | ToolCallContent>();

  push(part: StreamPart): void {
    switch (part.type) {
      case 'warning':
        this.warnings.push(part.warning);
        return;
      case 'text-start':
        this.start(part.id, { type: 'text', text: '' });
        return;
      case 'reasoning-start':
        this.start(part.id, { type: 'reasoning', text: '' });
        return;
      case 'tool-call-start':
        this.chunks.set(part.id, []);
        this.start(part.id, {
          type: 'tool-call',
          toolCallId: part.toolCallId,
          toolName: part.toolName,
          arguments: {},
        });
        return;
      case 'text-delta':
      case 'reasoning-delta': {
        const block = this.open.get(part.id);
        if (block && block.type !== 'tool-call') block.text += part.delta;
        return;
      }
      case 'reasoning-end': {
        const block = this.open.get(part.id);
        if (block?.type === 'reasoning') {
          if (part.signature) block.signature = part.signature;
          if (part.redactedData) block.redactedData = part.redactedData;
        }
        this.open.delete(part.id);
        return;
      }
      case 'tool-call-delta':
        this.chunks.get(part.id)?.push(part.argumentsDelta);
        return;
      case 'citation': {
        const block = this.open.get(part.id);
        if (block?.type === 'text') block.citations = [...(block.citations ?? []), part.citation];
        return;
      }
      case 'tool-call-end': {
        const block = this.open.get(part.id);
        if (block?.type === 'tool-call') {
          block.arguments = part.arguments ?? {};
          this.rawArguments.set(block, part.rawArguments);
        }
        this.chunks.delete(part.id);
        this.open.delete(part.id);
        return;
      }
      case 'text-end':
        this.open.delete(part.id);
        return;
      default:
        return;
    }
  }

  /** The streamed arguments of a tool call, finished or not. */
  rawArgumentsOf(block: ToolCallContent): string {
    const done = this.rawArguments.get(block);
    if (done !== undefined) return done;
    for (const [id, open] of this.open) if (open === block) return this.chunks.get(id)?.join('') ?? '';
    return '';
  }

  private start(id: string, block: TextContent | ReasoningContent | ToolCallContent): void {
    this.open.set(id, block);
    this.message.content.push(block);
  }
}
