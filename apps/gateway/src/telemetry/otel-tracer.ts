// The one file that imports OpenTelemetry; loaded only when telemetry is on (gateway-tracer.ts). The provider
// is this gateway's own, never registered globally, so two gateways in one process (tests) stay apart.
import { createRequire } from 'node:module';
import {
  type Attributes,
  type Context,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { type ExportResult, ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type ReadableSpan,
  type SpanExporter,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type {
  CallOptions,
  ModelSpec,
  StreamPart,
  UpstreamAttempt,
  UpstreamAttemptEnd,
  UpstreamAttemptTarget,
} from '@outcrop/provider';
import { BEDROCK_CONVERSE_STREAM_API } from '@outcrop/provider';
import type { Logger } from '../logging.js';
import { errorTypeOf, isServerFailure } from './error-type.js';
import { AWS_BEDROCK, GEN_AI, GENERAL, OUTCROP } from './gen-ai-attributes.js';
import { type GatewayTracer, NOOP_TRACE, type RequestTrace } from './request-trace.js';
import type { TelemetrySettings } from './telemetry-settings.js';

const SCOPE = '@outcrop/gateway';
const version = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
/** At most one export-failure warning this often: a collector that is down must not flood the log. */
const REPORT_EVERY_MS = 60_000;

export async function createOtelTracer(settings: TelemetrySettings, log: Logger): Promise<GatewayTracer> {
  const { OTLPTraceExporter } =
    settings.protocol === 'http/json'
      ? await import('@opentelemetry/exporter-trace-otlp-http')
      : await import('@opentelemetry/exporter-trace-otlp-proto');
  const exporter = new ReportingExporter(
    new OTLPTraceExporter({
      url: settings.url,
      headers: settings.headers,
      timeoutMillis: settings.timeoutMs,
    }),
    log,
    safeEndpoint(settings.url),
  );
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName, 'service.version': version }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor(exporter, { exportTimeoutMillis: settings.timeoutMs })],
  });
  const tracer = provider.getTracer(SCOPE, version);
  const propagator = new W3CTraceContextPropagator();
  log.info(
    { endpoint: safeEndpoint(settings.url), protocol: settings.protocol, source: settings.endpointSource },
    'exporting traces over OTLP',
  );
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    startRequest(start) {
      const parent = propagator.extract(ROOT_CONTEXT, start.headers, defaultTextMapGetter);
      const span = tracer.startSpan(
        start.operation,
        {
          kind: SpanKind.SERVER,
          attributes: {
            [GEN_AI.operationName]: start.operation,
            [GENERAL.httpMethod]: start.method,
            [GENERAL.httpRoute]: start.path,
            [OUTCROP.requestId]: start.requestId,
            [OUTCROP.dialect]: start.dialect,
          },
        },
        parent,
      );
      // Not sampled: the request runs untraced, without the per-part wrapper.
      if (!span.isRecording()) return NOOP_TRACE;
      return new OtelRequestTrace(span, trace.setSpan(parent, span), start.operation, tracer);
    },
    flush: () => provider.forceFlush(),
    shutdown: () => {
      stopped ??= provider.shutdown();
      return stopped;
    },
  };
}

type Tracer = ReturnType<BasicTracerProvider['getTracer']>;

class OtelRequestTrace implements RequestTrace {
  readonly recording = true;
  private providerName: string | undefined;
  private upstreamFailed = false;
  private errorType: string | undefined;
  private ended = false;

  constructor(
    private readonly span: Span,
    private readonly context: Context,
    private readonly operation: string,
    private readonly tracer: Tracer,
  ) {}

  requested(model: string): void {
    this.span.setAttribute(OUTCROP.requestedModel, model);
  }

  call(model: ModelSpec, options: CallOptions): void {
    this.providerName = model.api === BEDROCK_CONVERSE_STREAM_API ? AWS_BEDROCK : model.provider;
    this.span.updateName(`${this.operation} ${model.id}`);
    this.span.setAttributes({
      [GEN_AI.providerName]: this.providerName,
      [GEN_AI.system]: this.providerName,
      [GEN_AI.requestModel]: model.id,
      ...(model.region ? { [GENERAL.cloudRegion]: model.region } : {}),
      ...(options.maxTokens !== undefined ? { [GEN_AI.requestMaxTokens]: options.maxTokens } : {}),
      ...(options.temperature !== undefined ? { [GEN_AI.requestTemperature]: options.temperature } : {}),
      ...(options.topP !== undefined ? { [GEN_AI.requestTopP]: options.topP } : {}),
      ...(options.responseFormat ? { [GEN_AI.outputType]: 'json' } : {}),
    });
  }

  see(part: StreamPart): void {
    if (part.type === 'stream-start' && part.route) {
      // A routed model: the target that answered (or failed last), after how many.
      const { route } = part;
      this.span.setAttributes({
        [GENERAL.cloudRegion]: route.region,
        [OUTCROP.routeName]: route.name,
        [OUTCROP.routeTarget]: route.target,
        [OUTCROP.routeAttempts]: route.attempts,
        ...(route.serviceTier ? { [OUTCROP.routeServiceTier]: route.serviceTier } : {}),
      });
    } else if (part.type === 'finish') {
      const { usage } = part;
      this.span.setAttributes({
        ...usageAttributes(usage),
        [GEN_AI.responseFinishReasons]: [part.rawStopReason],
        [GEN_AI.responseModel]: part.response.modelId,
        ...(part.response.requestId ? { [GENERAL.awsRequestId]: part.response.requestId } : {}),
      });
      if (part.finishReason === 'error') this.upstreamFailed = true;
    } else if (part.type === 'error') {
      this.upstreamFailed = true;
      this.errorType = part.error.code;
      if (part.usage) this.span.setAttributes(usageAttributes(part.usage));
    }
  }

  readonly attempt = (attempt: UpstreamAttempt): ((end: UpstreamAttemptEnd) => void) | undefined => {
    if (this.ended) return undefined;
    const span = this.tracer.startSpan(
      `${this.operation} ${attempt.modelId}`,
      { kind: SpanKind.CLIENT, attributes: attemptAttributes(this.operation, this.providerName, attempt) },
      this.context,
    );
    return (end) => endAttempt(span, end, attempt.modelId);
  };

  end(status: number, failure?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.span.setAttribute(GENERAL.httpStatus, status);
    const errorType = this.errorType ?? (failure !== undefined ? errorTypeOf(failure) : undefined);
    if (errorType !== undefined) this.span.setAttribute(GENERAL.errorType, errorType);
    // A caller's own 4xx is not a server error (HTTP server span conventions); an upstream failure or a 5xx is.
    if (this.upstreamFailed || isServerFailure(status)) {
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: errorType ?? String(status) });
    }
    this.span.end();
  }
}

function attemptAttributes(
  operation: string,
  providerName: string | undefined,
  attempt: UpstreamAttempt,
): Attributes {
  return {
    [GEN_AI.operationName]: operation,
    [GEN_AI.providerName]: providerName ?? AWS_BEDROCK,
    [GEN_AI.system]: providerName ?? AWS_BEDROCK,
    [GEN_AI.requestModel]: attempt.modelId,
    [OUTCROP.attemptNumber]: attempt.attempt,
    [OUTCROP.attemptReason]: attempt.reason,
    ...(attempt.region ? { [GENERAL.cloudRegion]: attempt.region } : {}),
    ...(attempt.server
      ? { [GENERAL.serverAddress]: attempt.server.address, [GENERAL.serverPort]: attempt.server.port }
      : {}),
    ...(attempt.delayMs !== undefined ? { [OUTCROP.attemptDelayMs]: attempt.delayMs } : {}),
    ...(attempt.previous
      ? { [OUTCROP.attemptPreviousError]: attempt.previous.awsName ?? attempt.previous.code }
      : {}),
    ...(attempt.target ? targetAttributes(attempt.target) : {}),
  };
}

function targetAttributes(target: UpstreamAttemptTarget): Attributes {
  return {
    [OUTCROP.routeName]: target.route,
    [OUTCROP.routeTarget]: target.name,
    ...(target.profile !== undefined ? { [OUTCROP.routeProfile]: target.profile } : {}),
    ...(target.serviceTier !== undefined ? { [OUTCROP.routeServiceTier]: target.serviceTier } : {}),
  };
}

function endAttempt(span: Span, end: UpstreamAttemptEnd, modelId: string): void {
  if (end.requestId) span.setAttribute(GENERAL.awsRequestId, end.requestId);
  if (end.usage) span.setAttributes(usageAttributes(end.usage));
  if (end.stopReason) span.setAttribute(GEN_AI.responseFinishReasons, [end.stopReason]);
  if (end.outcome === 'ok') span.setAttribute(GEN_AI.responseModel, modelId);
  if (end.willRetry !== undefined) span.setAttribute(OUTCROP.attemptWillRetry, end.willRetry);
  if (end.outcome === 'error') {
    // The provider's exception name (ThrottlingException) where there is one, else the error code.
    const type = end.error?.awsName ?? end.error?.code ?? '_OTHER';
    span.setAttribute(GENERAL.errorType, type);
    // Codes only: upstream messages can quote the request.
    span.setStatus({ code: SpanStatusCode.ERROR, message: end.error?.code ?? type });
  } else if (end.outcome === 'cancelled') {
    span.setAttribute(GENERAL.errorType, 'cancelled');
  }
  span.end();
}

function usageAttributes(usage: {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}): Attributes {
  return {
    // The conventions count cached tokens in input_tokens; Bedrock reports them apart.
    [GEN_AI.usageInputTokens]: usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
    [GEN_AI.usageOutputTokens]: usage.outputTokens,
    [GEN_AI.usageCacheReadInputTokens]: usage.cacheReadTokens,
    [GEN_AI.usageCacheCreationInputTokens]: usage.cacheWriteTokens,
  };
}

/** Logs failed exports (rate-limited), naming the endpoint without credentials; never the headers. */
class ReportingExporter implements SpanExporter {
  private lastReport = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly inner: SpanExporter,
    private readonly log: Logger,
    private readonly endpoint: string,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code !== ExportResultCode.SUCCESS) this.report(spans.length, result.error);
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  private report(count: number, error: Error | undefined): void {
    const now = performance.now();
    if (now - this.lastReport < REPORT_EVERY_MS) return;
    this.lastReport = now;
    this.log.warn(
      { endpoint: this.endpoint, spans: count, reason: (error?.message ?? 'unknown').slice(0, 200) },
      'trace export failed; spans dropped',
    );
  }
}

/** The endpoint for logs: no user info, query or fragment. */
function safeEndpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
