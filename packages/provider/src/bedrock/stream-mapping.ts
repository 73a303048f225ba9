// converse-stream events -> contract stream parts. Stateful per response: one open block per
// Bedrock content index, tool arguments accumulated linearly and parsed once at the block's end.
import type { BedrockStreamEvent, BedrockUsage } from '@outcrop/converse-stream';
import { computeCost } from '../cost.js';
import { ProviderError } from '../errors.js';
import type { ModelCost } from '../spec.js';
import type { Cost, FinishReason, StreamPart, Usage } from '../stream-parts.js';

/** The events this mapper reads, as @outcrop/converse-stream yields them. */
export type BedrockEvent = BedrockStreamEvent;

/** All nine Bedrock stop reasons, normalized. Anything else is 'other', never "unknown error". */
export const STOP_REASONS: Record<string, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool-calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  guardrail_intervened: 'content-filter',
  content_filtered: 'content-filter',
  malformed_model_output: 'error',
  malformed_tool_use: 'error',
};

export function mapStopReason(raw: string): FinishReason {
  return Object.hasOwn(STOP_REASONS, raw) ? STOP_REASONS[raw]! : 'other';
}

type OpenBlock =
  | { kind: 'text' }
  | { kind: 'reasoning'; signature: string; redacted: Uint8Array[] }
  | { kind: 'tool-call'; toolCallId: string; toolName: string; chunks: string[] };

export interface StreamMapperOptions {
  provider: string;
  modelId: string;
  cost?: Partial<ModelCost>;
  /** Maps a tool name Bedrock answers with back to the caller's name. */
  toolName?: (bedrockName: string) => string;
  /** Wall-clock start, used for latency when the service reports none. */
  startedAt?: number;
  now?: () => number;
}

export class BedrockStreamMapper {
  private readonly blocks = new Map<number, OpenBlock>();
  private stopReason: string | undefined;
  private responseFields: unknown;
  private usage: BedrockUsage | undefined;
  private latencyMs: number | undefined;
  private trace: unknown;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(private readonly options: StreamMapperOptions) {
    this.now = options.now ?? Date.now;
    this.startedAt = options.startedAt ?? this.now();
  }

  /** Parts for one event (often one, sometimes a start plus a delta, sometimes none). */
  map(event: BedrockEvent): StreamPart[] {
    switch (event.type) {
      case 'contentBlockStart':
        if (!event.toolUse) return [];
        return this.open(event.index, {
          kind: 'tool-call',
          toolCallId: event.toolUse.toolUseId,
          toolName: this.options.toolName?.(event.toolUse.name) ?? event.toolUse.name,
          chunks: [],
        });
      case 'textDelta': {
        const parts = this.ensure(event.index, 'text');
        if (event.text) parts.push({ type: 'text-delta', id: id(event.index), delta: event.text });
        return parts;
      }
      case 'reasoningTextDelta': {
        const parts = this.ensure(event.index, 'reasoning');
        if (event.text) parts.push({ type: 'reasoning-delta', id: id(event.index), delta: event.text });
        return parts;
      }
      case 'reasoningSignatureDelta': {
        const parts = this.ensure(event.index, 'reasoning');
        const block = this.blocks.get(event.index);
        if (block?.kind === 'reasoning') block.signature += event.signature;
        return parts;
      }
      case 'reasoningRedactedDelta': {
        const parts = this.ensure(event.index, 'reasoning');
        const block = this.blocks.get(event.index);
        if (block?.kind === 'reasoning') block.redacted.push(event.data);
        return parts;
      }
      case 'toolUseDelta': {
        const block = this.blocks.get(event.index);
        if (block?.kind !== 'tool-call')
          throw protocol(`tool input for block ${event.index} without its start`);
        block.chunks.push(event.input);
        return [{ type: 'tool-call-delta', id: id(event.index), argumentsDelta: event.input }];
      }
      case 'contentBlockStop':
        return this.close(event.index);
      case 'messageStop':
        this.stopReason = event.stopReason;
        this.responseFields = event.additionalModelResponseFields;
        return [];
      case 'metadata':
        this.usage = event.usage;
        this.latencyMs = event.latencyMs;
        this.trace = event.trace;
        return [];
      default:
        return [];
    }
  }

  /** The terminal part once the event stream has ended; `calledModelId` when a profile was used instead. */
  finish(requestId?: string, calledModelId?: string): StreamPart[] {
    const parts = [...this.blocks.keys()].flatMap((index) => this.close(index));
    if (this.stopReason === undefined) {
      parts.push({
        type: 'error',
        error: new ProviderError('truncated', 'The stream ended without messageStop.'),
      });
      return parts;
    }
    const usage = normalizeUsage(this.usage);
    const cost = priceLongCacheWrites(computeCost(usage, this.options.cost), this.usage, this.options.cost);
    const metadata: Record<string, unknown> = {};
    if (this.responseFields !== undefined) metadata.additionalModelResponseFields = this.responseFields;
    if (this.trace !== undefined) metadata.trace = this.trace;
    if (this.usage?.cacheDetails?.length) metadata.cacheDetails = this.usage.cacheDetails;
    parts.push({
      type: 'finish',
      finishReason: mapStopReason(this.stopReason),
      rawStopReason: this.stopReason,
      usage,
      ...(cost ? { cost } : {}),
      latencyMs: this.latencyMs ?? this.now() - this.startedAt,
      response: {
        modelId: calledModelId || this.options.modelId,
        provider: this.options.provider,
        ...(requestId ? { requestId } : {}),
      },
      ...(Object.keys(metadata).length ? { providerMetadata: { bedrock: metadata } } : {}),
    });
    return parts;
  }

  /** Closes open blocks before an error part, so consumers see every block ended. */
  closeAll(): StreamPart[] {
    return [...this.blocks.keys()].flatMap((index) => this.close(index));
  }

  private ensure(index: number, kind: 'text' | 'reasoning'): StreamPart[] {
    const block = this.blocks.get(index);
    if (block?.kind === kind) return [];
    const parts = block ? this.close(index) : [];
    parts.push(...this.open(index, kind === 'text' ? { kind } : { kind, signature: '', redacted: [] }));
    return parts;
  }

  private open(index: number, block: OpenBlock): StreamPart[] {
    const parts = this.blocks.has(index) ? this.close(index) : [];
    this.blocks.set(index, block);
    if (block.kind === 'tool-call') {
      parts.push({
        type: 'tool-call-start',
        id: id(index),
        toolCallId: block.toolCallId,
        toolName: block.toolName,
      });
    } else parts.push({ type: `${block.kind}-start`, id: id(index) });
    return parts;
  }

  private close(index: number): StreamPart[] {
    const block = this.blocks.get(index);
    if (!block) return [];
    this.blocks.delete(index);
    if (block.kind === 'text') return [{ type: 'text-end', id: id(index) }];
    if (block.kind === 'reasoning') {
      return [
        {
          type: 'reasoning-end',
          id: id(index),
          ...(block.signature ? { signature: block.signature } : {}),
          ...(block.redacted.length
            ? { redactedData: Buffer.concat(block.redacted).toString('base64') }
            : {}),
        },
      ];
    }
    const rawArguments = block.chunks.join('');
    const end = {
      type: 'tool-call-end' as const,
      id: id(index),
      toolCallId: block.toolCallId,
      toolName: block.toolName,
    };
    try {
      return [{ ...end, arguments: rawArguments.trim() ? JSON.parse(rawArguments) : {}, rawArguments }];
    } catch (error) {
      const argumentsError = `Tool arguments are not valid JSON: ${(error as Error).message}`;
      return [{ ...end, arguments: undefined, rawArguments, argumentsError }];
    }
  }
}

/**
 * 1 hour cache writes cost twice the input price (Anthropic's published rule, which Bedrock follows), not the
 * 5 minute write price of the cost table. Applied when Bedrock reports writes per TTL.
 */
export function priceLongCacheWrites(
  cost: Cost | undefined,
  usage: BedrockUsage | undefined,
  prices: Partial<ModelCost> | undefined,
): Cost | undefined {
  const longWrites = (usage?.cacheDetails ?? []).reduce<number>((sum, detail) => {
    const { ttl, inputTokens } = (detail ?? {}) as { ttl?: unknown; inputTokens?: unknown };
    return ttl === '1h' && typeof inputTokens === 'number' && inputTokens > 0 ? sum + inputTokens : sum;
  }, 0);
  if (!cost || !longWrites || !prices?.input) return cost;
  const extra = (longWrites * (2 * prices.input - (prices.cacheWrite ?? 0))) / 1_000_000;
  return { ...cost, cacheWrite: cost.cacheWrite + extra, total: cost.total + extra };
}

export function normalizeUsage(usage: BedrockUsage | undefined): Usage {
  const count = (n: number | undefined) =>
    Number.isFinite(n) && (n as number) > 0 ? Math.floor(n as number) : 0;
  const inputTokens = count(usage?.inputTokens);
  const outputTokens = count(usage?.outputTokens);
  const cacheReadTokens = count(usage?.cacheReadInputTokens);
  const cacheWriteTokens = count(usage?.cacheWriteInputTokens);
  const sum = inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheWriteTokens,
    totalTokens: Math.max(count(usage?.totalTokens), sum),
  };
}

function id(index: number): string {
  return String(index);
}

function protocol(message: string): ProviderError {
  return new ProviderError('protocol', message);
}
