import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BearerAuth } from './auth.js';
import type { Backend } from './backend.js';
import { handleChatCompletion } from './chat-completions.js';
import { GatewayError } from './errors.js';
import { type ConcurrencyLimiter, readJsonBody } from './limits.js';
import type { Logger } from './logging.js';
import type { GatewayMetrics } from './metrics.js';
import { ReasoningMemory } from './reasoning-memory.js';
import { sendError } from './respond.js';
import { getModel, healthz, listModels, matchRoute, metrics, readyz } from './routes.js';
import { handleAdmin, isAdminPath } from './teams/admin-api.js';
import type { RequestUsage } from './teams/request-usage.js';
import type { TeamsRuntime } from './teams/teams-runtime.js';

/** Everything a reload may replace; requests read it once, when they start. */
export interface ServerState {
  backend: Backend;
  auth: BearerAuth;
  maxBodyBytes: number;
}

export interface HttpServerOptions {
  state: ServerState;
  limiter: ConcurrencyLimiter;
  metrics: GatewayMetrics;
  log: Logger;
  /** Virtual keys, budgets and the usage ledger (teams/); without it only static tokens. */
  teams?: TeamsRuntime;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The gateway's HTTP server: routing, request ids, auth, limits, and the set of calls in flight for a drain. */
export class GatewayHttpServer {
  readonly server: Server;
  private state: ServerState;
  private readonly limiter: ConcurrencyLimiter;
  private readonly metrics: GatewayMetrics;
  private readonly log: Logger;
  private readonly teams: TeamsRuntime | undefined;
  private readonly inFlight = new Set<AbortController>();
  private readonly memory = new ReasoningMemory();
  private idleWaiters: (() => void)[] = [];
  private draining = false;

  constructor(options: HttpServerOptions) {
    this.state = options.state;
    this.limiter = options.limiter;
    this.metrics = options.metrics;
    this.log = options.log;
    this.teams = options.teams;
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
      this.server.listen(port, host, () => {
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
    let failure: unknown;
    try {
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
          metrics(res, this.metrics, headers);
          break;
        case 'models':
          state.auth.authorize(req);
          await listModels(res, state.backend, headers);
          break;
        case 'model':
          state.auth.authorize(req);
          await getModel(res, state.backend, match.param!, headers);
          break;
        case 'chat-completions': {
          const caller = this.teams ? await this.teams.authorize(req, state.auth) : state.auth.authorize(req);
          usage = this.teams?.track(caller, id);
          const release = this.limiter.acquire(caller.key);
          const controller = new AbortController();
          this.track(controller);
          const onClose = () => {
            if (!res.writableFinished) controller.abort(new Error('client closed the connection'));
          };
          res.on('close', onClose);
          try {
            const body = await readJsonBody(req, state.maxBodyBytes);
            status = await handleChatCompletion({
              req,
              res,
              body,
              backend: state.backend,
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
      if (match.route !== 'chat-completions') status = res.statusCode;
    } catch (err) {
      failure = err;
      if (!(err instanceof GatewayError)) log.error({ err }, 'request failed');
      if (err instanceof GatewayError && err.code === 'payload_too_large') headers.connection = 'close';
      status = res.headersSent ? res.statusCode : sendError(res, err, headers);
    } finally {
      usage?.end(status, failure);
      this.metrics.requests.inc({ route, model, status: String(status) });
      log.info(
        {
          method: req.method,
          url: req.url,
          route,
          ...(model ? { model } : {}),
          status,
          durationMs: Math.round(performance.now() - startedAt),
        },
        'request',
      );
    }
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
