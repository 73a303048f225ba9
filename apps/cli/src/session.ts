import path from 'node:path';
import type { CommandContext } from './command-context.js';
import type { LoadedConfig, Outcrop, OutcropConfig } from './upstream.js';
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

/** A command's Outcrop: real Bedrock, or the embedded emulator when there are no credentials. */
export interface BedrockSession {
  outcrop: Outcrop;
  config: OutcropConfig;
  connection: Outcrop['connection'];
  /** Set when no AWS credentials were found and the embedded emulator stands in for Bedrock. */
  emulator: Outcrop['emulator'];
  close(): Promise<void>;
}

/**
 * The CLI's Outcrop (`createOutcrop`, the same composition the gateway runs on). With no credentials it runs
 * on the embedded emulator and says so on stderr, unless `--no-emulator` asks for a plain failure.
 */
export async function openBedrockSession(context: CommandContext): Promise<BedrockSession> {
  const { createOutcrop } = await upstream.provider();
  const outcrop = await createOutcrop({
    ...(context.globals.config !== undefined ? { configPath: context.globals.config } : {}),
    cwd: context.cwd,
    env: context.env,
    homeDir: context.homeDir,
    discoveryCacheDir: cacheDir(context.homeDir),
    emulator: {
      mode: context.globals.emulator ? 'auto' : 'never',
      start: async ({ region }) => (await upstream.emulator()).startEmulator({ region }),
    },
  });
  if (outcrop.emulator) {
    const c = context.term.err;
    context.term.note(
      `${c.yellow('No AWS credentials found')}: using the embedded Bedrock emulator at ${outcrop.emulator.url} ` +
        `(replies are simulated). Set AWS_PROFILE or AWS_BEARER_TOKEN_BEDROCK to use real Bedrock; --no-emulator to fail instead.`,
    );
  }
  return {
    outcrop,
    config: outcrop.config,
    connection: outcrop.connection,
    emulator: outcrop.emulator,
    close: () => outcrop.close(),
  };
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
