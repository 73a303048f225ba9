import path from 'node:path';
import type { CommandContext } from './command-context.js';
import { CliError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import type {
  BedrockConnection,
  DiscoveryApi,
  EmulatorHandle,
  LoadedConfig,
  OutcropConfig,
} from './upstream.js';
import * as upstream from './upstream.js';

/** Where `models list` keeps discovery results between runs. */
export const cacheDir = (homeDir: string) => path.join(homeDir, '.outcrop', 'cache');

export async function loadConfig(context: CommandContext): Promise<LoadedConfig> {
  const { loadConfig } = await upstream.configSchema();
  return loadConfig({
    path: context.globals.config,
    cwd: context.cwd,
    env: context.env,
    homeDir: context.homeDir,
  });
}

/** The `amazon-bedrock` provider block, if the config has one. */
export function bedrockProvider(config: OutcropConfig) {
  return config.models.providers['amazon-bedrock'];
}

/** A live connection to Bedrock (real, or the embedded emulator when there are no credentials). */
export interface BedrockSession {
  loaded: LoadedConfig;
  config: OutcropConfig;
  connection: BedrockConnection;
  /** Set when no AWS credentials were found and the embedded emulator stands in for Bedrock. */
  emulator?: EmulatorHandle;
  env: Record<string, string | undefined>;
  /** Created on first use by createSessionDiscovery. */
  discovery?: DiscoveryApi;
  close(): Promise<void>;
}

/** The AWS variables that would point the SDK somewhere else than the emulator. */
const AWS_ENV = /^AWS_(?!EC2_METADATA_DISABLED$|SDK_JS_)/;

/**
 * Resolves credentials and, when none are found, starts the embedded emulator and says so on stderr
 * (the same rule as the gateway), unless `--no-emulator` asks for a plain failure.
 */
export async function openBedrockSession(context: CommandContext): Promise<BedrockSession> {
  const loaded = await loadConfig(context);
  const config = loaded.config;
  const provider = bedrockProvider(config);
  const region = config.models.bedrockDiscovery.region ?? provider?.region;
  const { resolveBedrockConnection } = await upstream.credentials();
  const connect = (env: Record<string, string | undefined>, baseUrl = provider?.baseUrl) =>
    resolveBedrockConnection({ env, homeDir: context.homeDir, region, baseUrl });

  const connection = await connect(context.env);
  if (connection.source.kind !== 'none') {
    return { loaded, config, connection, env: context.env, close: async () => {} };
  }
  if (!context.globals.emulator) {
    throw new CliError(
      `no AWS credentials found (tried: ${connection.source.tried.join(', ')})`,
      ExitCode.credentials,
      connection.source.hint,
    );
  }
  const { startEmulator } = await upstream.emulator();
  const emulator = await startEmulator({ region: connection.region.region });
  const env = Object.fromEntries(Object.entries(context.env).filter(([name]) => !AWS_ENV.test(name)));
  Object.assign(env, emulator.env());
  const c = context.term.err;
  context.term.note(
    `${c.yellow('No AWS credentials found')}: using the embedded Bedrock emulator at ${emulator.url} ` +
      `(replies are simulated). Set AWS_PROFILE or AWS_BEARER_TOKEN_BEDROCK to use real Bedrock; --no-emulator to fail instead.`,
  );
  return {
    loaded,
    config,
    connection: await connect(env, undefined), // the emulator, even when the config names a baseUrl
    emulator,
    env,
    close: () => emulator.stop(),
  };
}

/**
 * The session's one Discovery (so `models list`, the model registry and `doctor` share its cache); the disk
 * cache is used for real Bedrock only (the emulator's port, hence its cache key, changes every run).
 */
export async function createSessionDiscovery(
  context: CommandContext,
  session: BedrockSession,
): Promise<DiscoveryApi> {
  if (session.discovery) return session.discovery;
  const { createDiscovery } = await upstream.discovery();
  session.discovery = createDiscovery({
    connection: session.connection,
    config: session.config.models.bedrockDiscovery,
    diskCacheDir: session.emulator ? undefined : cacheDir(context.homeDir),
  });
  return session.discovery;
}

/** The session's Discovery when discovery is on for these credentials, else undefined. */
export async function sessionDiscovery(
  context: CommandContext,
  session: BedrockSession,
): Promise<DiscoveryApi | undefined> {
  const { discoveryEnabled } = await upstream.discovery();
  if (!discoveryEnabled(session.config.models.bedrockDiscovery, session.connection.source)) return undefined;
  return createSessionDiscovery(context, session);
}

/** Runs `body` with a session and always closes it (stopping an embedded emulator). */
export async function withBedrockSession<T>(
  context: CommandContext,
  body: (session: BedrockSession) => Promise<T>,
): Promise<T> {
  const session = await openBedrockSession(context);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
