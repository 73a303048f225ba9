import { agentModels, type LoadedConfig, loadConfig, type OutcropConfig } from '@outcrop/config-schema';
import type { Env } from '@outcrop/credentials';
import { suggestDefaultModel } from '@outcrop/provider';
import { BearerAuth } from './auth.js';
import { bearerForCurl, renderBanner } from './banner.js';
import { assertSafeBind } from './bind-policy.js';
import { type CallerLimitSettings, CallerLimits } from './caller-limits.js';
import { createLogger, type Logger } from './logging.js';
import { GatewayMetrics } from './metrics.js';
import { ReasoningMemory } from './reasoning-memory.js';
import { serializeReloads, watchConfigFile } from './reload.js';
import { RequestGuard } from './request-guard.js';
import { GatewayHttpServer, type ServerState } from './server.js';
import { createSharedState } from './shared-state/create-shared-state.js';
import { redactUrl } from './shared-state/redis-state.js';
import { TeamsRuntime } from './teams/teams-runtime.js';
import { type GatewayTracer, openGatewayTracer, resolveTelemetrySettings } from './telemetry/index.js';
import { connectUpstream, type Upstream } from './upstream.js';

export interface StartGatewayOptions {
  /** Config file; default: `$OUTCROP_CONFIG`, `./outcrop.json5`, `~/.outcrop/config.json5`, else defaults. */
  configPath?: string;
  /** Overrides `gateway.host` / `gateway.port` (port 0: any free port). */
  host?: string;
  port?: number;
  /** Environment for config substitution and AWS settings; default `process.env`. */
  env?: Env;
  cwd?: string;
  homeDir?: string;
  /** 'auto' (default): the embedded emulator when no AWS credentials are found. */
  emulator?: 'auto' | 'always' | 'never';
  /** Reload when the config file changes (default true when a file was loaded). */
  watchConfig?: boolean;
  logger?: Logger;
  /** Virtual keys, budgets and the usage ledger (default true); false serves static tokens only, no database. */
  teams?: boolean;
  /** The clock of per-minute limits (tests pin it so no request straddles a minute). */
  now?: () => number;
  /** Prefixes this gateway's keys in Redis, so gateways (or tests) sharing a server stay apart. */
  redisKeyPrefix?: string;
  /** What `/metrics` answers with instead of this process's own (a worker: every worker's, merged). */
  metricsView?: (local: () => string) => Promise<string>;
}

export interface ReloadResult {
  ok: boolean;
  /** The located problems of a rejected config; the old config keeps serving. */
  errors?: string;
  /** Settings that changed but need a restart (host, port). */
  restartNeeded?: string[];
}

export interface Gateway {
  url: string;
  usingEmulator: boolean;
  /** The embedded emulator's URL when one is in use. */
  emulatorUrl?: string;
  configPath?: string;
  banner: string;
  /** Re-reads the config; an invalid one is rejected and the running one kept. */
  reload(): Promise<ReloadResult>;
  /** Stops accepting, drains in-flight streams for up to `drainTimeoutMs` (default from config), then stops. */
  close(options?: { drainTimeoutMs?: number }): Promise<void>;
  readonly inFlight: number;
  /** Where limits and signed reasoning live: this process's memory, or Redis shared with other replicas. */
  readonly sharedState: 'memory' | 'redis';
  /** This process's own metrics (Prometheus text). */
  metricsText(): string;
  /** Whether traces are exported (gateway.telemetry / OTEL_EXPORTER_OTLP_ENDPOINT). */
  readonly tracing: boolean;
  /** Exports the traces buffered so far (bounded by gateway.telemetry.otlp.timeoutMs). */
  flushTraces(): Promise<void>;
}

/** Loads the config, connects upstream (Bedrock or the embedded emulator), and serves the OpenAI API. */
export async function startGateway(options: StartGatewayOptions = {}): Promise<Gateway> {
  const env = options.env ?? process.env;
  const log = options.logger ?? createLogger();
  const loadOptions = {
    ...(options.configPath !== undefined ? { path: options.configPath } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
    env,
  };
  let loaded: LoadedConfig = await loadConfig(loadOptions);
  const host = options.host ?? loaded.config.gateway.host;
  const port = options.port ?? loaded.config.gateway.port;
  assertSafeBind(host, loaded.config.gateway.auth.tokens);
  // Resolved before anything starts, so a bad OTEL_* variable fails fast; off loads no OpenTelemetry code.
  const telemetry = resolveTelemetrySettings(loaded.config.gateway.telemetry, env);

  // Shared state first: the routers' ledger lives there when replicas share Redis.
  const shared = await createSharedState({
    redisUrl: loaded.config.gateway.redis.url,
    ...(options.redisKeyPrefix !== undefined ? { keyPrefix: options.redisKeyPrefix } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
  });
  let upstream: Upstream;
  try {
    upstream = await connectUpstream({
      config: loaded.config,
      env,
      ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
      emulator: options.emulator ?? 'auto',
      host,
      log,
      ...(shared.routeLedger ? { routeLedger: shared.routeLedger } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    });
  } catch (err) {
    await shared.close();
    throw err;
  }
  const metrics = new GatewayMetrics();
  let teams: TeamsRuntime | undefined;
  try {
    teams =
      options.teams === false
        ? undefined
        : await TeamsRuntime.open({
            config: loaded.config,
            env,
            ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
            log,
            metrics,
            region: upstream.region,
          });
  } catch (err) {
    await shared.close();
    await upstream.close();
    throw err;
  }
  if (loaded.config.gateway.redis.url !== undefined) {
    log.info(
      { redis: redactUrl(loaded.config.gateway.redis.url) },
      'limits, signed reasoning and routing quotas shared in Redis',
    );
  }
  const limits = new CallerLimits(shared.counter, limitSettings(loaded.config), options.now);
  const memory = new ReasoningMemory(shared.memory);
  const stateFor = (config: OutcropConfig): ServerState => ({
    backend: upstream.backendFor(config),
    auth: new BearerAuth(config.gateway.auth.tokens, config.gateway.auth.allowAnonymous),
    maxBodyBytes: config.gateway.limits.maxBodyBytes,
    bodyTimeoutMs: config.gateway.limits.bodyTimeoutMs,
    guard: new RequestGuard({
      bindHost: host,
      allowedHosts: config.gateway.allowedHosts,
      allowedOrigins: config.gateway.cors.allowedOrigins,
    }),
    upstream: {
      usingEmulator: upstream.usingEmulator,
      region: upstream.region,
      credentialSource: upstream.credentialLabel,
      discoveryEnabled: upstream.discoveryEnabled,
      discoveryFetchedAt: upstream.discoveryFetchedAt,
    },
  });
  const initial = stateFor(loaded.config);
  // Listing warms the registry (and marks it ready) before the first request; the banner shows the result.
  const models = await initial.backend.listModels().catch((err: unknown) => {
    log.warn({ err }, 'listing models failed');
    return [];
  });
  const local = () => metrics.render();
  const metricsView = options.metricsView;
  let tracer: GatewayTracer;
  try {
    tracer = await openGatewayTracer(telemetry, log);
  } catch (err) {
    await teams?.close();
    await shared.close();
    await upstream.close();
    throw err;
  }
  const server = new GatewayHttpServer({
    state: initial,
    limits,
    memory,
    metrics,
    log,
    ...(teams ? { teams } : {}),
    ...(metricsView ? { renderMetrics: () => metricsView(local) } : {}),
    tracer,
  });

  let url: string;
  try {
    url = await server.listen(host, port);
  } catch (err) {
    await tracer.shutdown();
    await teams?.close();
    await shared.close();
    await upstream.close();
    throw err;
  }
  // No static tokens, but the teams runtime already requires a key: the banner's curl shows where one comes from.
  const virtualKeysOnly =
    loaded.config.gateway.auth.tokens.length === 0 &&
    teams !== undefined &&
    !loaded.config.gateway.auth.allowAnonymous &&
    (teams.adminToken !== undefined || teams.directory.hasActiveKey());
  const banner = renderBanner({
    url,
    usingEmulator: upstream.usingEmulator,
    credentialLabel: upstream.credentialLabel,
    region: upstream.region,
    ...(loaded.path !== undefined ? { configPath: loaded.path } : {}),
    models: bannerModels(
      models.map((m) => m.id),
      agentModels(loaded.config).primary,
    ),
    authRequired: loaded.config.gateway.auth.tokens.length > 0 || virtualKeysOnly,
    bearer: virtualKeysOnly
      ? '<a key from outcrop keys create>'
      : bearerForCurl(loaded.config.gateway.auth.tokens[0], env),
  });
  log.info(
    {
      url,
      emulator: upstream.usingEmulator,
      region: upstream.region,
      models: models.length,
      config: loaded.path,
    },
    'gateway listening',
  );

  const reloadOnce = async (): Promise<ReloadResult> => {
    let next: LoadedConfig;
    let state: ServerState;
    try {
      next = await loadConfig({
        ...loadOptions,
        ...(loaded.path ? { path: loaded.path } : {}),
        refuseEmpty: true, // a file caught mid-save would otherwise serve every default: no tokens at all
      });
      assertSafeBind(host, next.config.gateway.auth.tokens);
      state = stateFor(next.config); // rejects an `api` no provider implements
    } catch (err) {
      const errors = describeConfigError(err);
      log.error({ errors }, 'config reload rejected; the running config keeps serving');
      return { ok: false, errors };
    }
    const restartNeeded = changedRestartSettings(loaded.config, next.config);
    // Warm the new model list before it serves, so /readyz and the first request see it ready.
    await state.backend
      .listModels()
      .catch((err: unknown) => log.warn({ err }, 'model list failed after reload'));
    limits.update(limitSettings(next.config));
    server.setState(state);
    if (teams) teams.config = next.config;
    loaded = next;
    log.info({ config: next.path, restartNeeded }, 'config reloaded');
    return restartNeeded.length > 0 ? { ok: true, restartNeeded } : { ok: true };
  };
  let lastReload: ReloadResult = { ok: true };
  const reload = serializeReloads(async () => {
    lastReload = await reloadOnce();
  });
  const stopWatching =
    loaded.path !== undefined && (options.watchConfig ?? true)
      ? watchConfigFile(loaded.path, () => void reload())
      : () => {};

  let closing: Promise<void> | undefined;
  return {
    url,
    usingEmulator: upstream.usingEmulator,
    ...(upstream.emulatorUrl !== undefined ? { emulatorUrl: upstream.emulatorUrl } : {}),
    ...(loaded.path !== undefined ? { configPath: loaded.path } : {}),
    banner,
    get inFlight() {
      return server.inFlightCount;
    },
    sharedState: shared.kind,
    metricsText: local,
    tracing: tracer.enabled,
    flushTraces: () => tracer.flush(),
    async reload() {
      await reload();
      return lastReload;
    },
    close(closeOptions = {}) {
      closing ??= (async () => {
        stopWatching();
        const timeout = closeOptions.drainTimeoutMs ?? loaded.config.gateway.limits.drainTimeoutMs;
        const result = await server.drain(timeout);
        log.info(result, 'gateway drained');
        await tracer.shutdown();
        await teams?.close();
        await shared.close();
        await upstream.close();
      })();
      return closing;
    },
  };
}

/** Settings read once at start-up: a reload reports them instead of half-applying them. */
function changedRestartSettings(before: OutcropConfig, after: OutcropConfig): string[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const bedrock = (c: OutcropConfig) => c.models.providers['amazon-bedrock'];
  const checks: [string, unknown, unknown][] = [
    ['gateway.host', before.gateway.host, after.gateway.host],
    ['gateway.port', before.gateway.port, after.gateway.port],
    ['gateway.database', before.gateway.database, after.gateway.database],
    ['gateway.redis.url', before.gateway.redis.url, after.gateway.redis.url],
    ['gateway.telemetry', before.gateway.telemetry, after.gateway.telemetry],
    [
      'gateway.limits.firstEventTimeoutMs',
      before.gateway.limits.firstEventTimeoutMs,
      after.gateway.limits.firstEventTimeoutMs,
    ],
    ['gateway.limits.idleTimeoutMs', before.gateway.limits.idleTimeoutMs, after.gateway.limits.idleTimeoutMs],
    ['models.bedrockDiscovery', before.models.bedrockDiscovery, after.models.bedrockDiscovery],
    ['models.providers.amazon-bedrock.region', bedrock(before)?.region, bedrock(after)?.region],
    ['models.providers.amazon-bedrock.baseUrl', bedrock(before)?.baseUrl, bedrock(after)?.baseUrl],
  ];
  return checks.filter(([, a, b]) => !same(a, b)).map(([name]) => name);
}

function limitSettings(config: OutcropConfig): CallerLimitSettings {
  return {
    maxConcurrent: config.gateway.limits.maxConcurrentPerToken,
    requestsPerMinute: config.gateway.limits.requestsPerMinutePerToken,
  };
}

/** Model ids with the one the curl example should use first: the configured default, else the suggested one. */
function bannerModels(ids: string[], primary: string | undefined): string[] {
  const preferred =
    ids.find((id) => primary !== undefined && (id === primary || id.endsWith(`/${primary}`))) ??
    suggestDefaultModel(ids);
  return preferred ? [preferred, ...ids.filter((id) => id !== preferred)] : ids;
}

/** Located config problems, one per line; anything else by its message. */
export function describeConfigError(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { format?: unknown }).format === 'function') {
    return (err as { format(): string }).format();
  }
  return err instanceof Error ? err.message : String(err);
}

export type { Upstream };
