// The typed stream every provider emits: start/delta/end per content block id, warnings,
// and exactly one terminal part (`finish` or `error`) as the last part.

import type { Citation } from './citation.js';
import type { ProviderError } from './errors.js';
import type { Usage } from './usage.js';

export type { CacheDetail, Usage } from './usage.js';

/** Normalized stop reasons; `finish.rawStopReason` always carries the provider's own value. */
export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** USD, computed from the model's cost table (per 1M tokens). Absent when the model has no prices. */
export interface Cost {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
}

export interface Warning {
  /** Stable, e.g. 'unsupported-setting', 'tool-choice-downgraded', 'fallback', 'cache-point-cap'. */
  code: string;
  message: string;
  setting?: string;
}

export interface ResponseInfo {
  /** The model that answered (after fallbacks, the one that actually streamed). */
  modelId: string;
  provider: string;
  requestId?: string;
}

export type StreamPart =
  | {
      type: 'stream-start';
      model: { provider: string; id: string; api: string };
      /** Set when a routed model (config `models.routes`) chose a target: which one, after how many tries. */
      route?: RouteInfo;
    }
  | { type: 'warning'; warning: Warning }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  /** Cites a source for the text block `id` (before its end). */
  | { type: 'citation'; id: string; citation: Citation }
  | { type: 'reasoning-start'; id: string }
  | { type: 'reasoning-delta'; id: string; delta: string }
  | { type: 'reasoning-end'; id: string; signature?: string; redactedData?: string }
  | { type: 'tool-call-start'; id: string; toolCallId: string; toolName: string }
  | { type: 'tool-call-delta'; id: string; argumentsDelta: string }
  | {
      type: 'tool-call-end';
      id: string;
      toolCallId: string;
      toolName: string;
      /** The parsed arguments (`{}` for empty input); undefined when they were not valid JSON. */
      arguments: unknown;
      rawArguments: string;
      argumentsError?: string;
    }
  | {
      type: 'finish';
      finishReason: FinishReason;
      rawStopReason: string;
      usage: Usage;
      cost?: Cost;
      /** Server-side latency when the provider reports it, else wall time from request to last event. */
      latencyMs?: number;
      /** The service tier that served the call, when the provider reports or was asked for one. */
      serviceTier?: string;
      response: ResponseInfo;
      providerMetadata?: Record<string, unknown>;
    }
  | { type: 'error'; error: ProviderError; usage?: Usage };

/** The target a routed model's call went to (the one that answered, or the last one tried). */
export interface RouteInfo {
  /** The route name (the logical model). */
  name: string;
  /** The target's label (config `name`, else region/profile/tier). */
  target: string;
  region: string;
  serviceTier?: string;
  /** Targets tried, this one included. */
  attempts: number;
}

export type StreamPartType = StreamPart['type'];
export type TerminalPart = Extract<StreamPart, { type: 'finish' | 'error' }>;

export function isTerminalPart(part: StreamPart): part is TerminalPart {
  return part.type === 'finish' || part.type === 'error';
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 0 };
}
