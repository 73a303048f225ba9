// What the request path sees of traces: one small interface and its no-op. Nothing here imports OpenTelemetry.
import type { IncomingHttpHeaders } from 'node:http';
import type { CallOptions, ModelSpec, StreamPart, UpstreamAttemptObserver } from '@outcrop/provider';

export interface RequestTraceStart {
  /** gen_ai.operation.name: chat, embeddings, count_tokens, … */
  operation: string;
  /** The route's dialect label (openai-chat, anthropic-messages, …). */
  dialect: string;
  method: string;
  /** The route's path without the query (low cardinality: a fixed set of model routes). */
  path: string;
  requestId: string;
  /** W3C trace context of the caller (traceparent, tracestate). */
  headers: IncomingHttpHeaders;
}

/** One request's SERVER span and its upstream attempts' CLIENT spans. */
export interface RequestTrace {
  /** False for the no-op trace: callers skip work that only feeds it. */
  readonly recording: boolean;
  /** The model name the client asked for. */
  requested(model: string): void;
  /** The model call: the resolved model and the settings sent (never the prompt). */
  call(model: ModelSpec, options: CallOptions): void;
  /** Every stream part the client is sent: usage and stop reason on `finish`, error.type on `error`. */
  see(part: StreamPart): void;
  /**
   * Opens a CLIENT span for one upstream attempt and returns the function that ends it. This is what providers
   * receive as `CallOptions.onAttempt`. A routed model's router wraps it: each attempt then names its target
   * (region, profile, tier), and the first on a new target says `reroute` or `service_tier_escalation`.
   */
  readonly attempt: UpstreamAttemptObserver;
  /** Ends the request span with the HTTP status answered and the failure thrown, if any. */
  end(status: number, failure?: unknown): void;
}

export interface GatewayTracer {
  readonly enabled: boolean;
  startRequest(start: RequestTraceStart): RequestTrace;
  /** Exports what is buffered (bounded by the export timeout). */
  flush(): Promise<void>;
  /** Flushes, then stops exporting. */
  shutdown(): Promise<void>;
}

/** A request that is not traced (telemetry off, or not sampled). */
export const NOOP_TRACE: RequestTrace = {
  recording: false,
  requested: () => {},
  call: () => {},
  see: () => {},
  attempt: () => undefined,
  end: () => {},
};

export const NOOP_TRACER: GatewayTracer = {
  enabled: false,
  startRequest: () => NOOP_TRACE,
  flush: async () => {},
  shutdown: async () => {},
};
