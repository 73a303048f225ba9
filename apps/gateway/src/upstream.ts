import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import type { OutcropConfig } from '@outcrop/config-schema';
import { type Env, resolveBedrockConnection, resolveCredentialSource } from '@outcrop/credentials';
import { createDiscovery, type Discovery, discoveryEnabled } from '@outcrop/discovery';
import { createBedrockProvider } from '@outcrop/provider/bedrock';
import type { Backend } from './backend.js';
import type { Logger } from './logging.js';
import { createProviderBackend } from './provider-backend.js';

/** Where model calls go: Amazon Bedrock, or the embedded emulator when there are no credentials. */
export interface Upstream {
  usingEmulator: boolean;
  emulatorUrl?: string;
  credentialLabel: string;
  region: string;
  discoveryEnabled: boolean;
  /** The backend for a config (a reload builds a new one over the same connection and discovery). */
  backendFor(config: OutcropConfig): Backend;
  close(): Promise<void>;
}

export interface ConnectUpstreamOptions {
  config: OutcropConfig;
  env: Env;
  homeDir?: string;
  emulator: 'auto' | 'always' | 'never';
  log: Logger;
}

// Variables that would make the SDK pick real credentials over the emulator's keys.
const REAL_CREDENTIAL_VARS = ['AWS_BEARER_TOKEN_BEDROCK', 'AWS_PROFILE', 'AWS_SESSION_TOKEN'];

export async function connectUpstream(options: ConnectUpstreamOptions): Promise<Upstream> {
  const { config, log } = options;
  const homeDir = options.homeDir !== undefined ? { homeDir: options.homeDir } : {};
  let env = options.env;
  const source = await resolveCredentialSource({ env, ...homeDir });

  if (options.emulator === 'never' && source.kind === 'none') {
    // Serving "Amazon Bedrock" with no credentials would answer every request with a signing error.
    throw Object.assign(
      new Error(
        `No AWS credentials found, and the embedded emulator is turned off. Tried:\n  ${source.tried.join('\n  ')}`,
      ),
      { code: 'no_credentials', hint: source.hint },
    );
  }

  let emulator: Emulator | undefined;
  if (options.emulator === 'always' || (options.emulator === 'auto' && source.kind === 'none')) {
    emulator = await startEmulator();
    env = { ...env, ...emulator.env() };
    for (const name of REAL_CREDENTIAL_VARS) delete env[name];
    log.warn(
      { emulator: emulator.url, tried: source.kind === 'none' ? source.tried : undefined },
      'no AWS credentials found: serving the embedded Bedrock emulator',
    );
  }

  try {
    const bedrock = config.models.providers['amazon-bedrock'];
    const configuredRegion = bedrock?.region ?? config.models.bedrockDiscovery.region;
    const connection = await resolveBedrockConnection({
      env,
      ...homeDir,
      ...(configuredRegion !== undefined ? { region: configuredRegion } : {}),
      ...(bedrock?.baseUrl !== undefined ? { baseUrl: bedrock.baseUrl } : {}),
    });
    let discovery: Discovery | undefined;
    if (discoveryEnabled(config.models.bedrockDiscovery, connection.source)) {
      discovery = createDiscovery({ connection, config: config.models.bedrockDiscovery });
      // A gateway with configured models is still useful when listing fails; say so and keep going.
      try {
        const result = await discovery.list();
        if (result.errors.length > 0) {
          log.warn(
            { errors: result.errors.map((e) => ({ code: e.code, message: e.message })) },
            'discovery incomplete',
          );
        }
        log.info(
          { models: result.models.length, region: discovery.region, fromCache: result.fromCache },
          'discovered',
        );
      } catch (err) {
        log.warn({ err }, 'discovery failed; serving configured models only until it succeeds');
      }
    }
    const usingEmulator = emulator !== undefined;
    // One provider bound to this connection: no process-wide state, so gateways in one process stay apart.
    const bedrockProvider = createBedrockProvider({
      connection,
      transport: {
        firstEventTimeoutMs: config.gateway.limits.firstEventTimeoutMs,
        idleTimeoutMs: config.gateway.limits.idleTimeoutMs,
      },
    });
    return {
      usingEmulator,
      ...(emulator ? { emulatorUrl: emulator.url } : {}),
      credentialLabel: connection.source.label,
      region: connection.region.region,
      discoveryEnabled: discovery !== undefined,
      backendFor: (next) =>
        createProviderBackend({ config: next, discovery, bedrockProvider, usingEmulator, log }),
      async close() {
        await emulator?.stop();
      },
    };
  } catch (err) {
    await emulator?.stop();
    throw err;
  }
}
