// createOutcrop(): the one composition of the layers. Config, connection (credentials, region, endpoint), the
// emulator fallback, discovery, one model catalog and the providers, assembled once for library users, the
// gateway and the CLI alike. The apps add only what is theirs (HTTP, flags, output).
import {
  agentModels,
  BEDROCK_PROVIDER_ID,
  type ConfigSource,
  loadConfig,
  type OutcropConfig,
} from '@outcrop/config-schema';
import { type BedrockConnection, type Env, resolveBedrockConnection } from '@outcrop/credentials';
import { createDiscovery, type Discovery, type DiscoveryResult, discoveryEnabled } from '@outcrop/discovery';
import { LRUCache } from 'lru-cache';
import { assertKnownApis } from './api-check.js';
import { type CompleteResult, completeStream } from './complete.js';
import { countTokensWith } from './count-tokens.js';
import { withEmbeddingInfo } from './embedding-catalog.js';
import { ProviderError } from './errors.js';
import { streamWithFallbacks } from './fallbacks.js';
import { guardStream } from './guard-stream.js';
import { lazyStream } from './lazy-stream.js';
import { buildModelCatalog, refOf } from './model-catalog.js';
import { resolveModel } from './model-resolver.js';
import { type EmbeddingMembers, embeddingMembers } from './outcrop-embeddings.js';
import { createProviderRegistry, type ProviderLoader, type ProviderRegistry } from './provider-registry.js';
import type { RouteLedgerStore } from './routing/ledger-store.js';
import { RouteSet } from './routing/route-set.js';
import type { TargetStatus } from './routing/router.js';
import {
  BEDROCK_CONVERSE_STREAM_API,
  type CallOptions,
  type Context,
  type ModelSpec,
  type ProviderV1,
  type TokenCount,
} from './spec.js';
import type { StreamPart } from './stream-parts.js';
import { chooseUpstream, type EmulatorMode } from './upstream-choice.js';

/** What an app hands over so Outcrop can start the emulator (package code never imports it). */
export interface EmulatorHandle {
  url: string;
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export interface OutcropEmulatorOptions {
  /** 'auto' (default): the emulator only when no credential source exists at start and `loopbackOnly`. */
  mode?: EmulatorMode;
  start(options: { region: string }): Promise<EmulatorHandle>;
  /** False when the app is reachable from other machines: 'auto' then refuses to start without credentials. */
  loopbackOnly?: boolean;
}

export interface CreateOutcropOptions {
  /** A parsed config; otherwise one is loaded (`configPath`, `$OUTCROP_CONFIG`, ./outcrop.json5, ~/.outcrop). */
  config?: OutcropConfig;
  configPath?: string;
  cwd?: string;
  /** Environment for config substitution, credentials, region and endpoints; default process.env. */
  env?: Env;
  homeDir?: string;
  /** Without it there is no fallback: no credentials means Bedrock calls fail with `authentication`. */
  emulator?: OutcropEmulatorOptions;
  /** More wire APIs (third-party providers), checked against the config's `api` values. */
  providers?: Record<string, ProviderV1 | ProviderLoader>;
  /** Where discovery keeps its disk cache between runs (real Bedrock only). */
  discoveryCacheDir?: string;
  /** Timeouts and retries of the Bedrock transport. */
  transport?: { firstEventTimeoutMs?: number; idleTimeoutMs?: number; maxAttempts?: number };
  /**
   * Routed models (config `models.routes`): the clock of their quota windows and cooldowns (tests), and a
   * ledger store shared with other replicas (default: this process only).
   */
  routing?: { now?: () => number; ledger?: RouteLedgerStore; onLedgerError?: (error: unknown) => void };
}

/** The instance; its embedding members (embed, embeddingModels, resolveEmbedding) are in outcrop-embeddings.ts. */
export interface Outcrop extends EmbeddingMembers {
  readonly config: OutcropConfig;
  readonly configPath: string | undefined;
  readonly configSource: ConfigSource | 'argument';
  readonly connection: BedrockConnection;
  /** The labelled credential source, e.g. `env: AWS_PROFILE (dev)`. */
  readonly credentialSource: BedrockConnection['source'];
  readonly region: BedrockConnection['region'];
  /** Set when the embedded emulator stands in for Bedrock. */
  readonly emulator: { url: string } | undefined;
  /** Bedrock discovery, when it is on for these credentials. */
  readonly discovery: Discovery | undefined;
  readonly providers: ProviderRegistry;
  /**
   * Every model: configured ones first (config order), then discovered ones. A discovery that fails outright
   * leaves the configured models (its errors are in `lastDiscovery()`), unless `strict` asks for the error.
   */
  models(options?: ModelsOptions): Promise<ModelSpec[]>;
  /** The last discovery result `models()` used (undefined before the first, or without discovery). */
  lastDiscovery(): DiscoveryResult | undefined;
  /** Aliases, `provider/id`, bare ids, profile-only ids (to their profile), ARNs; unknown: UnknownModelError. */
  resolve(ref: string, options?: { signal?: AbortSignal }): Promise<ModelSpec>;
  /** agents.defaults.model: the primary, then the fallbacks. */
  agentModels(options?: { signal?: AbortSignal }): Promise<ModelSpec[]>;
  /** Streams one model; never throws (a bad ref is a terminal `error` part). */
  stream(model: string | ModelSpec, context: Context, options?: CallOptions): AsyncIterable<StreamPart>;
  /** Tries the models in order while one fails before its first token. */
  streamWithFallbacks(
    models: readonly (string | ModelSpec)[],
    context: Context,
    options?: CallOptions,
  ): AsyncIterable<StreamPart>;
  complete(model: string | ModelSpec, context: Context, options?: CallOptions): Promise<CompleteResult>;
  /** Input tokens of a context: the provider's own count (Bedrock CountTokens), else a labelled estimate. */
  countTokens(model: string | ModelSpec, context: Context, options?: CallOptions): Promise<TokenCount>;
  /** Each routed model's targets: quota used this minute, resting, calls and throttles (config `models.routes`). */
  routes(): TargetStatus[];
  /** The same connection, discovery and providers over another config (a gateway reload). */
  withConfig(config: OutcropConfig): Outcrop;
  /** Stops the embedded emulator, if one was started. Idempotent. */
  close(): Promise<void>;
}

export interface ModelsOptions {
  signal?: AbortSignal;
  /** List Bedrock again now instead of serving discovery's cache. */
  refresh?: boolean;
  /** Reject when discovery fails outright rather than serve configured models only. */
  strict?: boolean;
}

/** Every AWS variable that would point the SDK anywhere but the emulator (SDK tuning variables stay). */
const AWS_ENV = /^AWS_(?!EC2_METADATA_DISABLED$|SDK_JS_)/;

export async function createOutcrop(options: CreateOutcropOptions = {}): Promise<Outcrop> {
  const env = options.env ?? process.env;
  const homeDir = options.homeDir !== undefined ? { homeDir: options.homeDir } : {};
  const loaded = options.config
    ? { config: options.config, path: undefined, source: 'argument' as const }
    : await loadConfig({
        ...(options.configPath !== undefined ? { path: options.configPath } : {}),
        ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
        ...homeDir,
        env,
      });
  const { config } = loaded;

  assertKnownApis(
    config,
    [BEDROCK_CONVERSE_STREAM_API, ...Object.keys(options.providers ?? {})],
    loaded.path,
  );

  // One region rule: the provider block's region, else discovery's, else the environment's.
  const bedrock = config.models.providers[BEDROCK_PROVIDER_ID];
  const region = bedrock?.region ?? config.models.bedrockDiscovery.region;
  const connect = (connectEnv: Env, baseUrl: string | undefined) =>
    resolveBedrockConnection({
      env: connectEnv,
      ...homeDir,
      ...(region !== undefined ? { region } : {}),
      ...(baseUrl !== undefined ? { baseUrl } : {}),
    });

  let connection = await connect(env, bedrock?.baseUrl);
  let connectEnv = env;
  let emulator: EmulatorHandle | undefined;
  if (options.emulator) {
    const choice = chooseUpstream({
      mode: options.emulator.mode ?? 'auto',
      source: connection.source,
      loopbackOnly: options.emulator.loopbackOnly ?? true,
    });
    if (choice === 'emulator') {
      emulator = await options.emulator.start({ region: connection.region.region });
      const emulatorEnv: Env = Object.fromEntries(
        Object.entries(env).filter(([name]) => !AWS_ENV.test(name)),
      );
      Object.assign(emulatorEnv, emulator.env());
      try {
        // The emulator wins over a configured baseUrl: that endpoint is what failed to have credentials.
        connection = await connect(emulatorEnv, undefined);
        connectEnv = emulatorEnv;
      } catch (error) {
        await emulator.stop();
        throw error;
      }
    }
  }

  const discovery = discoveryEnabled(config.models.bedrockDiscovery, connection.source)
    ? createDiscovery({
        connection,
        config: config.models.bedrockDiscovery,
        // The emulator's port, hence the cache key, changes every run: a disk cache would only fill up.
        ...(options.discoveryCacheDir !== undefined && !emulator
          ? { diskCacheDir: options.discoveryCacheDir }
          : {}),
      })
    : undefined;

  // The built-in Bedrock provider, bound to this instance's connection; loaded (with the AWS SDK) on first use.
  const bound = connection;
  let builtIn: ProviderV1 | undefined;
  const providers = createProviderRegistry({
    [BEDROCK_CONVERSE_STREAM_API]: async () => {
      builtIn = (await import('./bedrock/index.js')).createBedrockProvider({
        connection: bound,
        ...(options.transport ? { transport: options.transport } : {}),
      });
      return builtIn;
    },
  });
  for (const [api, implementation] of Object.entries(options.providers ?? {})) {
    providers.register(api, implementation); // a third party may replace the built-in Bedrock provider too
  }

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= emulator ? emulator.stop() : Promise.resolve();
    return closing;
  };
  const shared: Shared = {
    isGuarded: (provider) => provider === builtIn,
    connection,
    emulator: emulator ? { url: emulator.url } : undefined,
    discovery,
    providers,
    close,
    lastDiscovery: undefined,
    routes: new RouteSet({
      env: connectEnv,
      ...homeDir,
      ...(options.transport ? { transport: options.transport } : {}),
      ...(options.routing?.now ? { now: options.routing.now } : {}),
      ...(options.routing?.ledger ? { ledger: options.routing.ledger } : {}),
      ...(options.routing?.onLedgerError ? { onLedgerError: options.routing.onLedgerError } : {}),
    }),
  };
  return instance(shared, config, loaded.path, loaded.source);
}

interface Shared {
  /** True for the built-in Bedrock provider, whose stream already keeps the contract (guardStream inside). */
  isGuarded(provider: ProviderV1): boolean;
  connection: BedrockConnection;
  emulator: { url: string } | undefined;
  discovery: Discovery | undefined;
  providers: ProviderRegistry;
  close(): Promise<void>;
  lastDiscovery: DiscoveryResult | undefined;
  routes: RouteSet;
}

/** Refs resolved per catalog: bounded, so arbitrary model names sent to a gateway cannot grow it. */
const MAX_RESOLVED_REFS = 256;

function instance(
  shared: Shared,
  config: OutcropConfig,
  configPath: string | undefined,
  configSource: ConfigSource | 'argument',
): Outcrop {
  const { discovery, providers } = shared;
  // The catalog is rebuilt only when discovery hands back a new result (its own cache decides freshness).
  let catalog:
    | { from: number | undefined; specs: ModelSpec[]; resolved: LRUCache<string, ModelSpec> }
    | undefined;

  async function current(signal?: AbortSignal, options: ModelsOptions = {}) {
    let result: DiscoveryResult | undefined;
    if (discovery) {
      const listing = options.refresh ? discovery.refresh() : discovery.list(signal ? { signal } : {});
      // Discovery reports partial failures in `errors`; a throw still leaves the configured models usable.
      result = await listing.catch((error: unknown) => {
        if (options.strict) throw error;
        return shared.lastDiscovery;
      });
      if (result) shared.lastDiscovery = result;
    }
    if (!catalog || catalog.from !== result?.fetchedAt) {
      const region = shared.connection.region.region;
      // A configured model with an embedding model's id is that embedding model, with its limits.
      const specs = buildModelCatalog(config, result?.models ?? [], { region }).map(withEmbeddingInfo);
      // Routed models right after the configured ones: they are configured too.
      const discoveredAt = specs.findIndex((spec) => spec.configured === false);
      specs.splice(discoveredAt < 0 ? specs.length : discoveredAt, 0, ...shared.routes.specs(config, region));
      catalog = {
        from: result?.fetchedAt,
        specs,
        resolved: new LRUCache({ max: MAX_RESOLVED_REFS }),
      };
    }
    return catalog;
  }

  async function resolve(ref: string, signal?: AbortSignal): Promise<ModelSpec> {
    const { specs, resolved } = await current(signal);
    const cached = resolved.get(ref);
    if (cached) return cached;
    const spec = resolveModel(ref, specs, config);
    resolved.set(ref, spec);
    return spec;
  }

  // The hot path of every call: no generator layer of its own. The ref and the provider are looked up on the
  // first next(); the built-in Bedrock provider guards its own stream, any other is wrapped in guardStream.
  const streamOne = (
    model: string | ModelSpec,
    context: Context,
    options: CallOptions = {},
  ): AsyncIterable<StreamPart> =>
    lazyStream(async () => {
      const spec = typeof model === 'string' ? await resolve(model, options.signal) : model;
      if (spec.route !== undefined) return routerOf(spec.route).stream(spec, context, options);
      const provider = await providers.require(spec.api, refOf(spec));
      return shared.isGuarded(provider)
        ? provider.stream(spec, context, options)
        : guardStream(() => provider.stream(spec, context, options), options.signal);
    }, options.signal);

  const routerOf = (name: string) => {
    const route = config.models.routes[name];
    if (!route)
      throw new ProviderError('unknown_model', `No route "${name}" in this config (models.routes).`);
    return shared.routes.router(name, route);
  };

  const outcrop: Outcrop = {
    config,
    configPath,
    configSource,
    connection: shared.connection,
    credentialSource: shared.connection.source,
    region: shared.connection.region,
    emulator: shared.emulator,
    discovery,
    providers,
    models: async (options) => [...(await current(options?.signal, options)).specs],
    lastDiscovery: () => shared.lastDiscovery,
    resolve: (ref, options) => resolve(ref, options?.signal),
    async agentModels(options) {
      const { primary, fallbacks } = agentModels(config);
      if (!primary) throw new ProviderError('validation', 'agents.defaults.model names no primary model.');
      return Promise.all([primary, ...fallbacks].map((ref) => resolve(ref, options?.signal)));
    },
    stream: streamOne,
    streamWithFallbacks(models, context, options = {}) {
      return guardStream(async function* () {
        const specs = await Promise.all(
          models.map((m) => (typeof m === 'string' ? resolve(m, options.signal) : m)),
        );
        yield* streamWithFallbacks(specs, context, { ...options, streamModel: streamOne });
      }, options.signal);
    },
    complete: (model, context, options) => completeStream(streamOne(model, context, options), options),
    ...embeddingMembers({
      config,
      region: shared.connection.region.region,
      providers,
      catalog: async (signal) => (await current(signal)).specs,
      resolve,
    }),
    async countTokens(model, context, options = {}) {
      let spec = typeof model === 'string' ? await resolve(model, options.signal) : model;
      // A route counts as its model: every target serves the same one.
      const route = spec.route !== undefined ? config.models.routes[spec.route] : undefined;
      if (route) spec = { ...spec, id: route.model, route: undefined } as ModelSpec;
      return countTokensWith(await providers.require(spec.api, refOf(spec)), spec, context, options);
    },
    routes: () => shared.routes.status(),
    withConfig(next) {
      assertKnownApis(next, providers.list(), configPath);
      return instance(shared, next, configPath, configSource);
    },
    close: shared.close,
  };
  return outcrop;
}
