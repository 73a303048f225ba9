// converse-stream events -> contract stream parts. Stateful per response: one open block per
// Bedrock content index; a tool call's arguments are a ToolCallAccumulator's.
import type { BedrockStreamEvent, BedrockUsage } from '@outcrop/converse-stream';
import { computeCost } from '../cost.js';
import { ProviderError } from '../errors.js';
import type { Citation, ModelCost } from '../spec.js';
import type { FinishReason, StreamPart, Usage } from '../stream-parts.js';
import { invokedModelId, priceLongCacheWrites, priceServiceTier } from './call-pricing.js';
import { summarizeGuardrail } from './guardrail-summary.js';
import { ToolCallAccumulator } from './tool-call-accumulator.js';

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
  /** The forced tool of a structured-output fallback: its arguments are the answer, streamed as text. */
  | { kind: 'structured' }
  | { kind: 'reasoning'; signature: string; redacted: Uint8Array[] }
  | { kind: 'tool-call'; call: ToolCallAccumulator };

export interface StreamMapperOptions {
  provider: string;
  modelId: string;
  cost?: Partial<ModelCost>;
  /** Maps a tool name Bedrock answers with back to the caller's name. */
  toolName?: (bedrockName: string) => string;
  /** Wall-clock start, used for latency when the service reports none. */
  startedAt?: number;
  /** The Bedrock name of the structured-output tool, whose call is the answer text. */
  structuredToolName?: string;
  /** The tier asked for, reported when Bedrock does not name the one that served. */
  requestedServiceTier?: string;
  /** Prices of another model: a prompt router's call is priced as the model it chose. */
  costOf?: (modelId: string) => Partial<ModelCost> | undefined;
  now?: () => number;
}

export class BedrockStreamMapper {
  private readonly blocks = new Map<number, OpenBlock>();
  private stopReason: string | undefined;
  private responseFields: unknown;
  private usage: BedrockUsage | undefined;
  private latencyMs: number | undefined;
  private trace: unknown;
  private servedTier: string | undefined;
  private structuredAnswered = false;
  private readonly now: () => number;
  private readonly startedAt: number;

  constructor(private readonly options: StreamMapperOptions) {
    this.options = { ...options };
    this.now = options.now ?? Date.now;
    this.startedAt = options.startedAt ?? this.now();
  }

  /** Parts for one event (often one, sometimes a start plus a delta, sometimes none). */
  map(event: BedrockEvent): StreamPart[] {
    switch (event.type) {
      case 'contentBlockStart':
        if (!event.toolUse) return [];
        if (event.toolUse.name === this.options.structuredToolName) {
          this.structuredAnswered = true;
          return this.open(event.index, { kind: 'structured' });
        }
        return this.open(event.index, {
          kind: 'tool-call',
          call: new ToolCallAccumulator(
            id(event.index),
            event.toolUse.toolUseId,
            this.options.toolName?.(event.toolUse.name) ?? event.toolUse.name,
          ),
        });
      case 'textDelta': {
        // A forced structured-output call answers through its tool; stray text would corrupt the JSON.
        if (this.options.structuredToolName) return [];
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
        if (block?.kind === 'structured') {
          return event.input ? [{ type: 'text-delta', id: id(event.index), delta: event.input }] : [];
        }
        if (block?.kind !== 'tool-call')
          throw protocol(`tool input for block ${event.index} without its start`);
        return [block.call.append(event.input)];
      }
      case 'citationDelta': {
        const parts = this.ensure(event.index, 'text');
        parts.push({ type: 'citation', id: id(event.index), citation: toCitation(event.citation) });
        return parts;
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
        this.servedTier = tierOf(event.serviceTier);
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
    const serviceTier = this.servedTier ?? this.options.requestedServiceTier;
    // A prompt router names the model it chose (API_runtime_PromptRouterTrace): the call costs what that
    // model costs, not what the router's fallback model (whose traits shaped the request) would.
    const invoked = invokedModelId(this.trace);
    const prices = (invoked && this.options.costOf?.(invoked)) || this.options.cost;
    const cost = priceServiceTier(
      priceLongCacheWrites(computeCost(usage, prices), this.usage, prices),
      serviceTier,
    );
    // The structured-output tool call is the answer, not a tool call the caller has to run.
    const rawStop = this.stopReason;
    const finishReason = this.structuredAnswered && rawStop === 'tool_use' ? 'stop' : mapStopReason(rawStop);
    const metadata: Record<string, unknown> = {};
    if (this.responseFields !== undefined) metadata.additionalModelResponseFields = this.responseFields;
    if (this.trace !== undefined) {
      metadata.trace = this.trace;
      const guardrail = summarizeGuardrail(this.trace);
      if (guardrail) metadata.guardrail = guardrail;
    }
    if (this.usage?.cacheDetails?.length) metadata.cacheDetails = this.usage.cacheDetails;
    parts.push({
      type: 'finish',
      finishReason,
      rawStopReason: rawStop,
      usage,
      ...(cost ? { cost } : {}),
      latencyMs: this.latencyMs ?? this.now() - this.startedAt,
      ...(serviceTier ? { serviceTier } : {}),
      response: {
        modelId: calledModelId || this.options.modelId,
        provider: this.options.provider,
        ...(requestId ? { requestId } : {}),
      },
      ...(Object.keys(metadata).length ? { providerMetadata: { bedrock: metadata } } : {}),
    });
    return parts;
  }

  /** Usage reported before a failure (metadata can precede a late exception), for the error part. */
  usageSoFar(): { usage?: Usage } {
    return this.usage ? { usage: normalizeUsage(this.usage) } : {};
  }

  /** The tier the (re)sent request asked for. */
  set requestedServiceTier(tier: string) {
    this.options.requestedServiceTier = tier;
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
    if (block.kind === 'tool-call') parts.push(block.call.start());
    else if (block.kind === 'structured') parts.push({ type: 'text-start', id: id(index) });
    else parts.push({ type: `${block.kind}-start`, id: id(index) });
    return parts;
  }

  private close(index: number): StreamPart[] {
    const block = this.blocks.get(index);
    if (!block) return [];
    this.blocks.delete(index);
    if (block.kind === 'text' || block.kind === 'structured') return [{ type: 'text-end', id: id(index) }];
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
    return [block.call.end()];
  }
}

function tierOf(value: unknown): string | undefined {
  const type = (value as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}

export function normalizeUsage(usage: BedrockUsage | undefined): Usage {
  const count = (n: number | undefined) =>
    Number.isFinite(n) && (n as number) > 0 ? Math.floor(n as number) : 0;
  const inputTokens = count(usage?.inputTokens);
  const outputTokens = count(usage?.outputTokens);
  const cacheReadTokens = count(usage?.cacheReadInputTokens);
  const cacheWriteTokens = count(usage?.cacheWriteInputTokens);
  const sum = inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
  const cacheDetails = (usage?.cacheDetails ?? []).flatMap((detail) => {
    const { ttl, inputTokens: tokens } = (detail ?? {}) as { ttl?: unknown; inputTokens?: unknown };
    return typeof ttl === 'string' ? [{ ttl, cacheWriteTokens: count(tokens as number) }] : [];
  });
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens,
    cacheWriteTokens,
    totalTokens: Math.max(count(usage?.totalTokens), sum),
    ...(cacheDetails.length ? { cacheDetails } : {}),
  };
}

/**
 * Bedrock's Citation (API_runtime_Citation): `title`, `sourceContent[].text` and a `location` union of
 * `documentChar` / `documentPage` / `documentChunk` (each with documentIndex, start, end).
 */
export function toCitation(raw: unknown): Citation {
  const c = (raw ?? {}) as {
    title?: unknown;
    sourceContent?: Array<{ text?: unknown }>;
    location?: Record<string, { documentIndex?: unknown; start?: unknown; end?: unknown } | undefined>;
  };
  const citation: Citation = {};
  if (typeof c.title === 'string' && c.title) citation.title = c.title;
  const quoted = (Array.isArray(c.sourceContent) ? c.sourceContent : [])
    .map((s) => (typeof s?.text === 'string' ? s.text : ''))
    .join('');
  if (quoted) citation.quotedText = quoted;
  const units = { documentChar: 'char', documentPage: 'page', documentChunk: 'chunk' } as const;
  for (const [key, unit] of Object.entries(units)) {
    const where = c.location?.[key];
    if (!where) continue;
    if (typeof where.documentIndex === 'number') citation.documentIndex = where.documentIndex;
    if (typeof where.start === 'number' && typeof where.end === 'number') {
      citation.location = { unit, start: where.start, end: where.end };
    }
  }
  return citation;
}

function id(index: number): string {
  return String(index);
}

function protocol(message: string): ProviderError {
  return new ProviderError('protocol', message);
}
