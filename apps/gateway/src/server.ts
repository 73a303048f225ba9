import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleCountTokens } from './anthropic-messages/count-tokens.js';
import { anthropicErrorBody } from './anthropic-messages/errors.js';
import { ANTHROPIC_PARAM, handleMessages } from './anthropic-messages/handler.js';
import type { BearerAuth } from './auth.js';
import type { Backend } from './backend.js';
import type { CallerLimits } from './caller-limits.js';
import { type CompletionContext, handleChatCompletion, OPENAI_PARAM } from './chat-completions.js';
import { ConsoleAssets } from './console/console-assets.js';
import { consoleOverview, type UpstreamFacts } from './console/console-overview.js';
import { RecentErrors } from './console/recent-errors.js';
import { GatewayError } from './errors.js';
import { readJsonBody } from './limits.js';
import type { Logger } from './logging.js';
import type { GatewayMetrics } from './metrics.js';
import { EMBEDDINGS_PARAM, handleEmbeddings } from './openai-embeddings/handler.js';
import { handleResponses, RESPONSES_PARAM } from './openai-responses/handler.js';
import type { ReasoningMemory } from './reasoning-memory.js';
import type { RequestGuard } from './request-guard.js';
import { type ErrorShape, sendError, sendJson } from './respond.js';
import { getModel, healthz, listModels, matchRoute, metrics, pathOf, readyz } from './routes.js';
import { handleAdmin, isAdminPath, isAdminRequest } from './teams/admin-api.js';
import type { RequestUsage } from './teams/request-usage.js';
import type { TeamsRuntime } from './teams/teams-runtime.js';
import {
  type GatewayTracer,
  NOOP_TRACER,
  OPERATION_BY_ROUTE,
  type RequestTrace,
  tracedBackend,
} from './telemetry/index.js';

/** Everything a reload may replace; requests read it once, when they start. */
export interface ServerState {
  backend: Backend;
  auth: BearerAuth;
  maxBodyBytes: number;
  /** How long a request body may take to arrive (`gateway.limits.bodyTimeoutMs`). */
  bodyTimeoutMs: number;
  /** Host, Origin and CORS checks. */
  guard: RequestGuard;
  upstream: UpstreamFacts;
}

export interface HttpServerOptions {
  state: ServerState;
  limits: CallerLimits;
  /** Signed reasoning between turns (this process's memory or the replicas' shared one). */
  memory: ReasoningMemory;
  metrics: GatewayMetrics;
  log: Logger;
  /** Virtual keys, budgets and the usage ledger (teams/); without it only static tokens. */
  teams?: TeamsRuntime;
  /** The text `/metrics` answers with; default this process's own metrics. */
  renderMetrics?: () => Promise<string>;
  /** Traces of the model routes (telemetry/); default none. */
  tracer?: GatewayTracer;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Errors answered before the request body was read to its end. */
const CLOSES_CONNECTION = new Set(['payload_too_large', 'request_timeout', 'shutting_down', 'aborted']);

/** The model-calling routes: one shared path (auth, body, limits, drain tracking), one handler per dialect. */
const DIALECTS: Partial<
  Record<
    string,
    { handle(ctx: CompletionContext): Promise<number>; errors?: ErrorShape; params?: Record<string, string> }
  >
> = {
  'chat-completions': { handle: handleChatCompletion, params: OPENAI_PARAM },
  messages: { handle: handleMessages, errors: anthropicErrorBody, params: ANTHROPIC_PARAM },
  responses: { handle: handleResponses, params: RESPONSES_PARAM },
  'count-tokens': { handle: handleCountTokens, errors: anthropicErrorBody },
  embeddings: { handle: handleEmbeddings, params: EMBEDDINGS_PARAM },
};

/** The ledger's `dialect` column for each model route. */
const DIALECT_LABEL: Record<string, string> = {
  'chat-completions': 'openai-chat',
  messages: 'anthropic-messages',
  responses: 'openai-responses',
  'count-tokens': 'anthropic-count-tokens',
  embeddings: 'openai-embeddings',
};

/**
 * Connections the kernel queues before the gateway accepts them (capped by net.core.somaxconn). Node's default
 * of 511 overflowed under a burst of 1,000 connections on a busy machine: the kernel dropped the overflow and
 * clients got ECONNRESET (the reliability suite's load test, with the machine's ListenOverflows counter rising).
 */
const LISTEN_BACKLOG = 4096;

/** The gateway's HTTP server: routing, request ids, auth, limits, and the set of calls in flight for a drain. */
export class GatewayHttpServer {
  readonly server: Server;
  private state: ServerState;
  private readonly limits: CallerLimits;
  private readonly metrics: GatewayMetrics;
  private readonly renderMetrics: () => Promise<string>;
  private readonly log: Logger;
  private readonly teams: TeamsRuntime | undefined;
  private readonly tracer: GatewayTracer;
  private readonly inFlight = new Set<AbortController>();
  private readonly memory: ReasoningMemory;
  private readonly consoleAssets = new ConsoleAssets();
  private readonly recentErrors = new RecentErrors();
  private idleWaiters: (() => void)[] = [];
  private draining = false;

  constructor(options: HttpServerOptions) {
    this.state = options.state;
    this.limits = options.limits;
    this.memory = options.memory;
    this.metrics = options.metrics;
    const local = options.metrics;
    this.renderMetrics = options.renderMetrics ?? (async () => local.render());
    this.log = options.log;
    this.teams = options.teams;
    this.tracer = options.tracer ?? NOOP_TRACER;
    this.server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
      void this.handle(req, res);
    });
  }

  setState(state: ServerState): void {
    this.state = state;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  listen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => {
        this.server.off('error', reject);
        const address = this.server.address() as AddressInfo;
        const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        resolve(`http://${shownHost}:${address.port}`);
      });
    });
  }

  /**
   * Stops accepting, lets calls in flight finish for up to `timeoutMs`, then aborts the rest (their clients get an
   * error event saying the gateway is shutting down) and closes every connection.
   */
  async drain(timeoutMs: number): Promise<{ finished: number; aborted: number }> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const before = this.inFlight.size;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.whenIdle(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    const aborted = this.inFlight.size;
    for (const controller of this.inFlight) {
      controller.abort(new GatewayError('shutting_down', 'The gateway is shutting down; retry the request.'));
    }
    await this.whenIdle();
    this.server.closeAllConnections();
    await closed;
    return { finished: before - aborted, aborted };
  }

  private whenIdle(): Promise<void> {
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    const state = this.state;
    const incomingId = req.headers['x-request-id'];
    const id = typeof incomingId === 'string' && REQUEST_ID.test(incomingId) ? incomingId : randomUUID();
    const headers: Record<string, string> = {
      'x-request-id': id,
      'x-outcrop-upstream': state.backend.usingEmulator ? 'emulator' : 'bedrock',
    };
    const log = this.log.child({ reqId: id });
    let route = 'unknown';
    let model = '';
    let status = 500;
    let usage: RequestUsage | undefined;
    let trace: RequestTrace | undefined;
    let failure: unknown;
    try {
      Object.assign(headers, state.guard.check(req));
      if (req.method === 'OPTIONS' && req.headers.origin !== undefined) {
        // A preflight from an allowed origin (check refused the others); no auth: browsers send no credentials.
        const asked = req.headers['access-control-request-method'] ?? 'GET';
        route = matchRoute(req, asked).route;
        state.guard.preflight(req, res, headers, asked);
        status = 204;
        return;
      }
      if (this.teams && isAdminPath(req.url)) {
        route = 'admin';
        status = await handleAdmin(this.teams, req, res, headers, state.maxBodyBytes);
        return;
      }
      const match = matchRoute(req);
      route = match.route;
      if (this.draining && route !== 'healthz' && route !== 'metrics') {
        headers.connection = 'close';
        throw new GatewayError('shutting_down', 'The gateway is shutting down; retry the request.', {
          headers: { 'retry-after': '1' },
        });
      }
      switch (match.route) {
        case 'healthz':
          healthz(res, headers);
          break;
        case 'readyz':
          readyz(res, state.backend, this.draining, headers);
          break;
        case 'metrics':
          metrics(res, await this.renderMetrics(), headers);
          break;
        case 'console':
          if (!this.consoleAssets.send(match.param!, res, headers, req.method === 'HEAD')) {
            throw new GatewayError('route_not_found', 'The console is not built here: run `pnpm build`.');
          }
          break;
        case 'console-overview': {
          // The console signs in with the admin token (keys, usage) or any key a client may use.
          const admin = this.teams !== undefined && isAdminRequest(this.teams.adminToken, req);
          if (!admin) await this.authorize(req, state);
          const models = await state.backend.listModels();
          sendJson(
            res,
            200,
            consoleOverview({
              role: admin ? 'admin' : req.headers.authorization ? 'key' : 'open',
              upstream: state.upstream,
              models: models.length,
              ready: state.backend.ready(),
              draining: this.draining,
              inFlight: this.inFlight.size,
              recentErrors: this.recentErrors.list(),
            }),
            headers,
          );
          break;
        }
        case 'models':
          await this.authorize(req, state);
          await listModels(res, state.backend, headers);
          break;
        case 'model':
          await this.authorize(req, state);
          await getModel(res, state.backend, match.param!, headers);
          break;
        case 'chat-completions':
        case 'messages':
        case 'responses':
        case 'count-tokens':
        case 'embeddings': {
          // Every model route shares this path, so admission and settlement hook in here once for all dialects.
          const dialect = DIALECTS[match.route]!;
          trace = this.tracer.startRequest({
            operation: OPERATION_BY_ROUTE[match.route] ?? match.route,
            dialect: DIALECT_LABEL[match.route] ?? match.route,
            method: req.method ?? 'POST',
            path: pathOf(req.url),
            requestId: id,
            headers: req.headers,
          });
          const caller = await this.authorize(req, state);
          usage = this.teams?.track(caller, id, DIALECT_LABEL[match.route]);
          const controller = new AbortController();
          this.track(controller);
          const onClose = () => {
            if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
          };
          res.on('close', onClose);
          let release = () => {};
          try {
            // The body is read (bounded in size and time, abortable by a drain) before the caller's concurrency
            // slot is taken, so slow or stalled uploads cannot hold the slots of every other request.
            const body = await readJsonBody(req, state.maxBodyBytes, {
              timeoutMs: state.bodyTimeoutMs,
              signal: controller.signal,
            });
            release = await this.limits.admit(caller.key);
            status = await dialect.handle({
              req,
              res,
              body,
              backend: tracedBackend(state.backend, trace),
              metrics: this.metrics,
              log,
              headers,
              signal: controller.signal,
              startedAt,
              caller: caller.key,
              memory: this.memory,
              ...(usage ? { usage } : {}),
              onModel: (resolved) => {
                model = resolved;
              },
            });
          } finally {
            res.off('close', onClose);
            release();
            this.untrack(controller);
          }
          break;
        }
      }
      if (DIALECTS[match.route] === undefined) status = res.statusCode;
    } catch (err) {
      failure = err;
      if (!(err instanceof GatewayError)) log.error({ err }, 'request failed');
      // The rest of the body was never read: the connection cannot carry another request.
      if (err instanceof GatewayError && CLOSES_CONNECTION.has(err.code)) headers.connection = 'close';
      status = res.headersSent
        ? res.statusCode
        : sendError(res, err, headers, DIALECTS[route]?.errors, DIALECTS[route]?.params);
      if (route !== 'console') {
        this.recentErrors.add({
          at: new Date().toISOString(),
          status,
          code: err instanceof GatewayError ? err.code : 'internal_error',
          message: err instanceof GatewayError ? err.message : 'The gateway failed; see its log.',
          route,
        });
      }
    } finally {
      usage?.end(status, failure);
      trace?.end(status, failure);
      this.metrics.requests.inc({ route, model, status: String(status) });
      log.info(
        {
          method: req.method,
          path: pathOf(req.url),
          route,
          ...(model ? { model } : {}),
          status,
          durationMs: Math.round(performance.now() - startedAt),
        },
        'request',
      );
    }
  }

  /** The caller: a virtual key (teams), a static token, or anonymous; a bad key is a 401 that says why. */
  private authorize(req: IncomingMessage, state: ServerState) {
    return this.teams ? this.teams.authorize(req, state.auth) : state.auth.authorize(req);
  }

  private track(controller: AbortController): void {
    this.inFlight.add(controller);
  }

  private untrack(controller: AbortController): void {
    this.inFlight.delete(controller);
    if (this.inFlight.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
