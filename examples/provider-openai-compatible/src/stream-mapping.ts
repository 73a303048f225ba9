// Chat completion chunks -> contract stream parts: one text block, one reasoning block, and one
// tool-call block per tool index; the finish part once the usage chunk (or the end) arrives.
import {
  computeCost,
  type FinishReason,
  type ModelSpec,
  ProviderError,
  type StreamPart,
  type Usage,
} from '@outcrop/provider';

export interface ToolCallDelta {
  index: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

export interface ChatChunk {
  id?: string;
  choices?: Array<{
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      tool_calls?: ToolCallDelta[];
    };
    finish_reason?: string | null;
  }>;
  usage?: {
    prompt_tokens?: number;
    completion_tokens?: number;
    prompt_tokens_details?: { cached_tokens?: number };
  };
}

const FINISH_REASONS: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool-calls',
  function_call: 'tool-calls',
  content_filter: 'content-filter',
};

export class ChatStreamMapper {
  private textOpen = false;
  private reasoningOpen = false;
  private readonly tools = new Map<number, { id: string; name: string; args: string[] }>();
  private finishReason: string | undefined;
  private usage: ChatChunk['usage'];
  private requestId: string | undefined;

  constructor(private readonly model: ModelSpec) {}

  map(chunk: ChatChunk): StreamPart[] {
    const parts: StreamPart[] = [];
    this.requestId ??= chunk.id;
    if (chunk.usage) this.usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      const delta = choice.delta ?? {};
      if (delta.reasoning_content) {
        if (!this.reasoningOpen) parts.push({ type: 'reasoning-start', id: 'reasoning' });
        this.reasoningOpen = true;
        parts.push({ type: 'reasoning-delta', id: 'reasoning', delta: delta.reasoning_content });
      }
      if (delta.content) {
        if (!this.textOpen) parts.push({ type: 'text-start', id: 'text' });
        this.textOpen = true;
        parts.push({ type: 'text-delta', id: 'text', delta: delta.content });
      }
      for (const call of delta.tool_calls ?? []) parts.push(...this.toolDelta(call));
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
    }
    return parts;
  }

  finish(): StreamPart[] {
    const parts = this.closeAll();
    if (this.finishReason === undefined) {
      parts.push({
        type: 'error',
        error: new ProviderError('truncated', 'The stream ended without a finish reason.'),
      });
      return parts;
    }
    const usage = toUsage(this.usage);
    const cost = computeCost(usage, this.model.cost);
    parts.push({
      type: 'finish',
      finishReason: FINISH_REASONS[this.finishReason] ?? 'other',
      rawStopReason: this.finishReason,
      usage,
      ...(cost ? { cost } : {}),
      response: {
        modelId: this.model.id,
        provider: this.model.provider,
        ...(this.requestId ? { requestId: this.requestId } : {}),
      },
    });
    return parts;
  }

  closeAll(): StreamPart[] {
    const parts: StreamPart[] = [];
    if (this.reasoningOpen) parts.push({ type: 'reasoning-end', id: 'reasoning' });
    if (this.textOpen) parts.push({ type: 'text-end', id: 'text' });
    this.reasoningOpen = this.textOpen = false;
    for (const [index, call] of this.tools) {
      const rawArguments = call.args.join('');
      const end = {
        type: 'tool-call-end' as const,
        id: `tool-${index}`,
        toolCallId: call.id,
        toolName: call.name,
      };
      try {
        parts.push({ ...end, arguments: rawArguments.trim() ? JSON.parse(rawArguments) : {}, rawArguments });
      } catch (error) {
        parts.push({ ...end, arguments: undefined, rawArguments, argumentsError: (error as Error).message });
      }
    }
    this.tools.clear();
    return parts;
  }

  private toolDelta(call: ToolCallDelta): StreamPart[] {
    const parts: StreamPart[] = [];
    let open = this.tools.get(call.index);
    if (!open) {
      open = { id: call.id ?? `call_${call.index}`, name: call.function?.name ?? '', args: [] };
      this.tools.set(call.index, open);
      parts.push({
        type: 'tool-call-start',
        id: `tool-${call.index}`,
        toolCallId: open.id,
        toolName: open.name,
      });
    }
    const chunk = call.function?.arguments;
    if (chunk) {
      open.args.push(chunk);
      parts.push({ type: 'tool-call-delta', id: `tool-${call.index}`, argumentsDelta: chunk });
    }
    return parts;
  }
}

function toUsage(usage: ChatChunk['usage']): Usage {
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  // OpenAI counts cached tokens inside prompt_tokens; the contract reports them apart.
  const inputTokens = Math.max(0, (usage?.prompt_tokens ?? 0) - cached);
  const outputTokens = usage?.completion_tokens ?? 0;
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
    totalTokens: inputTokens + outputTokens + cached,
  };
}
