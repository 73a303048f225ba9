import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallOptions, type Context, type ModelSpec, refOf, type StreamPart } from '@outcrop/provider';
import type { Backend } from './backend.js';
import { describeError, errorClassFor, GatewayError, openAIErrorBody } from './errors.js';
import type { Logger } from './logging.js';
import type { GatewayMetrics } from './metrics.js';
import { parseChatCompletionRequest } from './openai-request.js';
import { ignoredChatFields, toProviderCall, withAutoCache } from './openai-request-mapping.js';
import { ChunkMapper, collectCompletion, completionId, isClientVisible } from './openai-response.js';
import { type ReasoningMemory, TurnRecorder } from './reasoning-memory.js';
import { type ErrorShape, sendError, sendJson } from './respond.js';
import { noteRoute } from './routing-header.js';
import { SSE_HEADERS, SseWriter } from './sse.js';
import type { RequestUsage } from './teams/request-usage.js';
import { upstreamFailure } from './upstream-errors.js';

export interface CompletionContext {
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  backend: Backend;
  metrics: GatewayMetrics;
  log: Logger;
  /** Headers every reply carries (request id, upstream). */
  headers: Record<string, string>;
  /** Aborted when the client leaves or the gateway stops waiting during a drain. */
  signal: AbortSignal;
  startedAt: number;
  /** Called with the canonical model id once it is resolved (for metrics labels). */
  onModel?: (model: string) => void;
  /** Who is calling (a non-secret key) and where their turns' signed reasoning is kept. */
  caller: string;
  memory: ReasoningMemory;
  /** Keys, budgets and the ledger: admitted once the model is known, fed every event (teams/). */
  usage?: RequestUsage;
}

// The same route label as outcrop_gateway_requests_total, so the two series join in PromQL.
const ROUTE = 'chat-completions';
/** A comment line this often keeps proxies and clients from timing out during long silent thinking. */
const HEARTBEAT_MS = 15_000;

/** Serves one chat completion, streaming or not; returns the HTTP status it answered with. */
export async function handleChatCompletion(ctx: CompletionContext): Promise<number> {
  const { metrics } = ctx;
  const request = parseChatCompletionRequest(ctx.body);
  const { context, options } = toProviderCall(request);
  await ctx.memory.restore(context.messages, ctx.caller);
  const spec = await ctx.backend.resolveModel(request.model);
  const model = refOf(spec);
  ctx.onModel?.(model);
  await admitUsage(ctx, request.model, model, context, options);
  const meta = { id: completionId(), model: request.model, created: Math.floor(Date.now() / 1000) };
  ctx.log.info(
    { model, stream: request.stream === true, messages: context.messages.length },
    'chat completion',
  );

  metrics.activeStreams.add(1);
  try {
    const parts = ctx.backend.stream(spec, context, { ...withAutoCache(options, spec), signal: ctx.signal });
    const warnings = new WarningHeader(ctx.headers);
    for (const label of ignoredChatFields(request)) warnings.label(label);
    const observer = new CallObserver(ctx, model, warnings);
    if (request.stream !== true) {
      const completion = await collectCompletion(parts, meta, observer.see).catch((err: unknown) => {
        throw abortReason(ctx.signal) ?? err;
      });
      await observer.committed();
      sendJson(ctx.res, 200, completion, ctx.headers);
      return 200;
    }
    const mapper = new ChunkMapper(meta, { includeUsage: request.stream_options?.include_usage === true });
    return await streamParts(ctx, parts, observer, {
      start: (sse) => sse.write(mapper.start()),
      write: (part, sse) => mapper.write(part, sse),
      fail: (sse, code, message) => sse.fail(openAIErrorBody(code, message)),
      done: (sse) => sse.done(),
      params: OPENAI_PARAM,
    });
  } finally {
    metrics.activeStreams.add(-1);
    metrics.duration.observe(seconds(ctx.startedAt), { route: ROUTE, model });
  }
}

/** How one dialect writes a stream: its opening events, one part, a failure after the headers, and the end. */
export interface DialectWriter {
  start(sse: SseWriter): void;
  /** Returns true when the socket buffer is full. */
  write(part: StreamPart, sse: SseWriter): boolean;
  fail(sse: SseWriter, code: string, message: string): void;
  done(sse: SseWriter): void;
  /** The dialect's error body for a failure before the headers (default OpenAI's). */
  errorShape?: ErrorShape;
  /** Provider setting names as the dialect spells them, for errors located at a setting. */
  params?: Record<string, string>;
}

/**
 * The HTTP status is decided by the first part a client sees: an upstream failure before any content still gets
 * its real status and JSON body (warnings before it become a header). After the headers are sent, a failure ends
 * the stream with an `error` event.
 */
export async function streamParts(
  ctx: CompletionContext,
  parts: AsyncIterable<StreamPart>,
  observer: CallObserver,
  writer: DialectWriter,
): Promise<number> {
  const iterator = parts[Symbol.asyncIterator]();
  let first: IteratorResult<StreamPart>;
  // Parts before the first visible one (stream-start, block starts) are held, not lost: some dialects need them.
  const held: StreamPart[] = [];
  try {
    do {
      first = await iterator.next();
      if (!first.done) observer.see(first.value);
      if (!first.done && !isClientVisible(first.value)) held.push(first.value);
    } while (!first.done && !isClientVisible(first.value));
  } catch (err) {
    return sendError(ctx.res, err, ctx.headers, writer.errorShape, writer.params);
  }
  const early = first.done ? undefined : upstreamFailure(first.value);
  if (early)
    return sendError(
      ctx.res,
      abortReason(ctx.signal) ?? early,
      ctx.headers,
      writer.errorShape,
      writer.params,
    );

  ctx.res.writeHead(200, { ...ctx.headers, ...SSE_HEADERS });
  const sse = new SseWriter(ctx.res);
  // Headers, the role chunk and the first token leave together, in one packet.
  ctx.res.cork();
  writer.start(sse);
  for (const part of held) writer.write(part, sse);
  sse.startHeartbeat(HEARTBEAT_MS);
  let finished = false;
  try {
    let next = first;
    while (!next.done) {
      const part = next.value;
      const failure = upstreamFailure(part);
      if (failure) {
        const { code, message } = describeError(abortReason(ctx.signal) ?? failure);
        writer.fail(sse, code, message);
        return 200;
      }
      if (part.type === 'finish') finished = true;
      const full = writer.write(part, sse);
      if (next === first) {
        ctx.res.uncork();
        sse.startBatching();
      }
      if (full) await sse.drained();
      if (sse.closed || finished) break;
      next = await iterator.next();
      if (!next.done) observer.see(next.value);
    }
  } catch (err) {
    const { code, message } = describeError(err);
    ctx.log.error({ err }, 'stream failed after headers');
    writer.fail(sse, code, message);
    return 200;
  } finally {
    sse.stopHeartbeat();
    // Stops the upstream when the loop ended early (client gone); a finished iterator ignores it.
    await iterator.return?.();
  }
  // The turn's reasoning is stored before the client can send the next turn (perhaps to another replica).
  if (finished) {
    await observer.committed();
    writer.done(sse);
  } else writer.fail(sse, 'truncated', 'The model stream ended without finishing.');
  return 200;
}

/** The provider's setting names as the OpenAI request spells them, so the header names what the caller sent. */
export const OPENAI_PARAM: Record<string, string> = {
  reasoning: 'reasoning_effort',
  maxTokens: 'max_tokens',
  topP: 'top_p',
  stopSequences: 'stop',
  toolChoice: 'tool_choice',
  responseFormat: 'response_format',
  serviceTier: 'service_tier',
  cache: 'prompt_cache',
};

/**
 * Settings the model could not honour, named in `x-outcrop-warnings` (code and setting only: stable tokens, never
 * free text in a header). Warnings arrive before the first event, so before any header is sent.
 */
export class WarningHeader {
  private readonly labels = new Set<string>();

  constructor(
    private readonly headers: Record<string, string>,
    private readonly params: Record<string, string> = OPENAI_PARAM,
  ) {}

  readonly add = (warning: { code: string; setting?: string }): void => {
    const setting = warning.setting && (this.params[warning.setting] ?? warning.setting);
    this.label(setting ? `${warning.code}(${setting})` : warning.code);
  };

  /** A label the dialect made itself, e.g. `ignored(top_k)`. */
  readonly label = (label: string): void => {
    if (this.labels.size >= 10) return;
    this.labels.add(label.replace(/[^A-Za-z0-9._()-]/g, '_').slice(0, 80));
    this.headers['x-outcrop-warnings'] = [...this.labels].join(', ');
  };
}

/**
 * Virtual keys (teams/): checks the key's models, rate limits and budgets before the model is called, for every
 * dialect; a refusal is a 403/429/503 in the caller's dialect. Budget warnings go into the reply's headers.
 */
export async function admitUsage(
  ctx: CompletionContext,
  requested: string,
  model: string,
  context: Context,
  options: CallOptions,
): Promise<void> {
  if (!ctx.usage) return;
  const call = { ...context, maxTokens: options.maxTokens };
  Object.assign(ctx.headers, await ctx.usage.admit({ requested, model, call }));
}

/** How a dialect reads its body into the provider's call (Messages and Responses; see startDialectCall). */
export interface DialectStart<R extends { model: string }> {
  parse(body: unknown): R;
  map(request: R): { context: Context; options: CallOptions; ignored: readonly string[] };
  /** The model for the requested name (default: the backend's resolveModel). */
  resolve?(backend: Backend, name: string): Promise<ModelSpec>;
  /** The provider's setting names as the dialect spells them, for `x-outcrop-warnings`. */
  params: Record<string, string>;
}

/**
 * The start every Messages and Responses call shares: parse and map the body, resolve the model (reported for
 * metrics), admit it (teams/), and name the ignored fields (then `extraLabels`) in `x-outcrop-warnings`.
 */
export async function startDialectCall<R extends { model: string }>(
  ctx: CompletionContext,
  dialect: DialectStart<R>,
  extraLabels: readonly string[] = [],
): Promise<{
  request: R;
  context: Context;
  options: CallOptions;
  spec: ModelSpec;
  model: string;
  warnings: WarningHeader;
}> {
  const request = dialect.parse(ctx.body);
  const { context, options, ignored } = dialect.map(request);
  const spec = dialect.resolve
    ? await dialect.resolve(ctx.backend, request.model)
    : await ctx.backend.resolveModel(request.model);
  const model = refOf(spec);
  ctx.onModel?.(model);
  await admitUsage(ctx, request.model, model, context, options);
  const warnings = new WarningHeader(ctx.headers, dialect.params);
  for (const label of [...ignored, ...extraLabels]) warnings.label(label);
  return { request, context, options, spec, model, warnings };
}

/** Records time to first token, tokens, warnings and upstream errors as parts go by. */
export class CallObserver {
  private firstToken = true;
  private readonly turn = new TurnRecorder();
  private commit: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: CompletionContext,
    private readonly model: string,
    private readonly warnings: WarningHeader,
    /** Chat Completions clients drop signatures, so their turns are kept; other dialects replay them. */
    private readonly remember = true,
  ) {}

  readonly see = (part: StreamPart): void => {
    const { metrics, log } = this.ctx;
    const model = this.model;
    this.ctx.usage?.see(part);
    if (this.remember) this.turn.see(part);
    switch (part.type) {
      case 'stream-start':
        noteRoute(this.ctx, part);
        return;
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-call-start':
        if (this.firstToken) {
          this.firstToken = false;
          metrics.ttft.observe(seconds(this.ctx.startedAt), { model });
        }
        return;
      case 'warning':
        log.warn({ warning: part.warning }, 'provider warning');
        this.warnings.add(part.warning);
        return;
      case 'finish': {
        if (part.finishReason === 'error') {
          this.failed(upstreamFailure(part));
          return;
        }
        const { usage } = part;
        const input = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
        metrics.tokens.inc({ model, direction: 'input' }, input);
        metrics.tokens.inc({ model, direction: 'output' }, usage.outputTokens);
        log.info({ finish: part.rawStopReason, usage }, 'model finished');
        if (this.remember) {
          this.commit = this.turn.commit(this.ctx.memory, this.ctx.caller).catch((err: unknown) => {
            // The answer stands; only a later replay of its tool calls will lack the signed reasoning.
            log.warn({ err }, 'could not store the signed reasoning of this turn');
          });
        }
        return;
      }
      case 'error':
        this.failed(upstreamFailure(part));
        return;
      default:
        return;
    }
  };

  /** Resolves once the turn's signed reasoning is stored (or failed to be). */
  committed(): Promise<void> {
    return this.commit;
  }

  private failed(failure: GatewayError | undefined): void {
    if (!failure) return;
    this.ctx.metrics.upstreamErrors.inc({ code: failure.code });
    this.ctx.log.warn({ code: failure.code, status: errorClassFor(failure.code).status }, failure.message);
  }
}

/** A drain aborts with a GatewayError that says why; the client should see that, not 'aborted'. */
export function abortReason(signal: AbortSignal): GatewayError | undefined {
  return signal.aborted && signal.reason instanceof GatewayError ? signal.reason : undefined;
}

export function seconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
