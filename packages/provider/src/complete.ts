// collectStream(): runs a stream to its end and collects the assistant message it produced (`complete`).

import type { AssistantMessage, ReasoningContent, TextContent, ToolCallContent } from './spec.js';
import type { Cost, FinishReason, ResponseInfo, StreamPart, Usage, Warning } from './stream-parts.js';

export interface CompleteResult {
  message: AssistantMessage;
  finishReason: FinishReason;
  rawStopReason: string;
  usage: Usage;
  cost?: Cost;
  latencyMs?: number;
  warnings: Warning[];
  response: ResponseInfo;
}

/** Collects a stream; throws the typed error of an `error` part. */
export async function collectStream(parts: AsyncIterable<StreamPart>): Promise<CompleteResult> {
  const collector = new MessageCollector();
  for await (const part of parts) {
    if (part.type === 'error') throw part.error;
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
      };
    }
    collector.push(part);
  }
  throw new Error('unreachable: stream() always ends with a terminal part');
}

/** Builds an AssistantMessage from stream parts, block by block in the order blocks started. */
export class MessageCollector {
  readonly message: AssistantMessage = { role: 'assistant', content: [] };
  readonly warnings: Warning[] = [];
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
      case 'tool-call-end': {
        const block = this.open.get(part.id);
        if (block?.type === 'tool-call') block.arguments = part.arguments ?? {};
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

  private start(id: string, block: TextContent | ReasoningContent | ToolCallContent): void {
    this.open.set(id, block);
    this.message.content.push(block);
  }
}
