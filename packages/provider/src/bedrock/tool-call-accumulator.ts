// One tool call of a Bedrock stream, from contentBlockStart to contentBlockStop: its argument chunks are kept
// (one push each, linear in the input) and parsed once at the end, so a partial JSON prefix is never parsed.
import type { StreamPart } from '../stream-parts.js';

type ToolCallPart<T extends StreamPart['type']> = Extract<StreamPart, { type: T }>;

export class ToolCallAccumulator {
  private readonly chunks: string[] = [];

  constructor(
    /** The part id: the block's content index. */
    readonly id: string,
    readonly toolCallId: string,
    readonly toolName: string,
  ) {}

  start(): ToolCallPart<'tool-call-start'> {
    return { type: 'tool-call-start', id: this.id, toolCallId: this.toolCallId, toolName: this.toolName };
  }

  append(input: string): ToolCallPart<'tool-call-delta'> {
    this.chunks.push(input);
    return { type: 'tool-call-delta', id: this.id, argumentsDelta: input };
  }

  /** The arguments parsed (`{}` for none); invalid JSON is reported in the part, never thrown. */
  end(): ToolCallPart<'tool-call-end'> {
    const rawArguments = this.chunks.join('');
    const end = {
      type: 'tool-call-end' as const,
      id: this.id,
      toolCallId: this.toolCallId,
      toolName: this.toolName,
    };
    try {
      return { ...end, arguments: rawArguments.trim() ? JSON.parse(rawArguments) : {}, rawArguments };
    } catch (error) {
      const argumentsError = `Tool arguments are not valid JSON: ${(error as Error).message}`;
      return { ...end, arguments: undefined, rawArguments, argumentsError };
    }
  }
}
