import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from './backend.js';
import { describeError, errorClassFor, GatewayError, openAIErrorBody } from './errors.js';
import type { Logger } from './logging.js';
import type { GatewayMetrics } from './metrics.js';
import type { CallEvent } from './model-call.js';
import { parseChatCompletionRequest } from './openai-request.js';
import { toModelCall } from './openai-request-mapping.js';
import { ChunkMapper, collectCompletion, completionId } from './openai-response.js';
import { type ReasoningMemory, TurnRecorder } from './reasoning-memory.js';
import { sendError, sendJson } from './respond.js';
import { SSE_HEADERS, SseWriter } from './sse.js';
import type { RequestUsage } from './teams/request-usage.js';

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
  const call = toModelCall(request);
  ctx.memory.restore(call, ctx.caller);
  const model = await ctx.backend.resolveModel(request.model);
  ctx.onModel?.(model);
  if (ctx.usage) Object.assign(ctx.headers, await ctx.usage.admit({ requested: request.model, model, call }));
  const meta = { id: completionId(), model: request.model, created: Math.floor(Date.now() / 1000) };
  ctx.log.info({ model, stream: request.stream === true, messages: call.messages.length }, 'chat completion');

  metrics.activeStreams.add(1);
  try {
    const warnings = new WarningHeader(ctx.headers);
    const events = ctx.backend.stream(model, call, ctx.signal, warnings.add);
    const observer = new CallObserver(ctx, model);
    if (request.stream !== true) {
      const completion = await collectCompletion(events, meta, observer.see).catch((err: unknown) => {
        throw abortReason(ctx.signal) ?? err;
      });
      sendJson(ctx.res, 200, completion, ctx.headers);
      return 200;
    }
    const mapper = new ChunkMapper(meta, { includeUsage: request.stream_options?.include_usage === true });
    return await streamCompletion(ctx, events, mapper, observer);
  } finally {
    metrics.activeStreams.add(-1);
    metrics.duration.observe(seconds(ctx.startedAt), { route: ROUTE, model });
  }
}

/**
 * The HTTP status is decided by the first event: an upstream failure before any content still gets its real
 * status and JSON body. After the headers are sent, a failure ends the stream with an `error` event.
 */
async function streamCompletion(
  ctx: CompletionContext,
  events: AsyncIterable<CallEvent>,
  mapper: ChunkMapper,
  observer: CallObserver,
): Promise<number> {
  const iterator = events[Symbol.asyncIterator]();
  let first: IteratorResult<CallEvent>;
  try {
    first = await iterator.next();
  } catch (err) {
    return sendError(ctx.res, err, ctx.headers);
  }
  if (!first.done) observer.see(first.value);
  if (!first.done && first.value.type === 'error') {
    const failure = abortReason(ctx.signal) ?? new GatewayError(first.value.code, first.value.message);
    return sendError(ctx.res, failure, ctx.headers);
  }

  ctx.res.writeHead(200, { ...ctx.headers, ...SSE_HEADERS });
  const sse = new SseWriter(ctx.res);
  // Headers, the role chunk and the first token leave together, in one packet.
  ctx.res.cork();
  sse.write(mapper.start());
  sse.startHeartbeat(HEARTBEAT_MS);
  let finished = false;
  try {
    let next = first;
    while (!next.done) {
      const event = next.value;
      if (event.type === 'finish') finished = true;
      if (event.type === 'error') {
        const { code, message } = describeError(abortReason(ctx.signal) ?? event);
        sse.fail(openAIErrorBody(code, message));
        return 200;
      }
      const full = mapper.write(event, sse);
      if (next === first) {
        ctx.res.uncork();
        sse.startBatching();
      }
      if (full) await sse.drained();
      if (sse.closed) break;
      next = await iterator.next();
      if (!next.done) observer.see(next.value);
    }
  } catch (err) {
    const { code, message } = describeError(err);
    ctx.log.error({ err }, 'stream failed after headers');
    sse.fail(openAIErrorBody(code, message));
    return 200;
  } finally {
    sse.stopHeartbeat();
    // Stops the upstream when the loop ended early (client gone); a finished iterator ignores it.
    await iterator.return?.();
  }
  if (finished) sse.done();
  else sse.fail(openAIErrorBody('truncated', 'The model stream ended without finishing.'));
  return 200;
}

/** The provider's setting names as the OpenAI request spells them, so the header names what the caller sent. */
const OPENAI_PARAM: Record<string, string> = {
  reasoning: 'reasoning_effort',
  maxTokens: 'max_tokens',
  topP: 'top_p',
  stopSequences: 'stop',
  toolChoice: 'tool_choice',
};

/**
 * Settings the model could not honour, named in `x-outcrop-warnings` (code and setting only: stable tokens, never
 * free text in a header). Warnings arrive before the first event, so before any header is sent.
 */
class WarningHeader {
  private readonly labels = new Set<string>();

  constructor(private readonly headers: Record<string, string>) {}

  readonly add = (warning: { code: string; setting?: string }): void => {
    if (this.labels.size >= 10) return;
    const setting = warning.setting && (OPENAI_PARAM[warning.setting] ?? warning.setting);
    const label = setting ? `${warning.code}(${setting})` : warning.code;
    this.labels.add(label.replace(/[^A-Za-z0-9._()-]/g, '_').slice(0, 80));
    this.headers['x-outcrop-warnings'] = [...this.labels].join(', ');
  };
}

/** Records time to first token, tokens and upstream errors as events go by. */
class CallObserver {
  private firstToken = true;
  private readonly turn = new TurnRecorder();

  constructor(
    private readonly ctx: CompletionContext,
    private readonly model: string,
  ) {}

  readonly see = (event: CallEvent): void => {
    const { metrics, log } = this.ctx;
    const model = this.model;
    this.ctx.usage?.see(event);
    this.turn.see(event);
    switch (event.type) {
      case 'text':
      case 'reasoning':
      case 'tool-call-start':
        if (this.firstToken) {
          this.firstToken = false;
          metrics.ttft.observe(seconds(this.ctx.startedAt), { model });
        }
        return;
      case 'finish':
        if (event.usage) {
          const input = event.usage.inputTokens + event.usage.cacheReadTokens + event.usage.cacheWriteTokens;
          metrics.tokens.inc({ model, direction: 'input' }, input);
          metrics.tokens.inc({ model, direction: 'output' }, event.usage.outputTokens);
        }
        log.info({ finish: event.rawReason ?? event.reason, usage: event.usage }, 'model finished');
        this.turn.commit(this.ctx.memory, this.ctx.caller);
        return;
      case 'error':
        metrics.upstreamErrors.inc({ code: event.code });
        log.warn({ code: event.code, status: errorClassFor(event.code).status }, event.message);
        return;
      default:
        return;
    }
  };
}

/** A drain aborts with a GatewayError that says why; the client should see that, not 'aborted'. */
function abortReason(signal: AbortSignal): GatewayError | undefined {
  return signal.aborted && signal.reason instanceof GatewayError ? signal.reason : undefined;
}

function seconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
