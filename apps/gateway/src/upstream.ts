import { startEmulator } from '@outcrop/bedrock-emulator';
import type { OutcropConfig } from '@outcrop/config-schema';
import type { Env } from '@outcrop/credentials';
import { createOutcrop, type RouteLedgerStore } from '@outcrop/provider';
import type { Backend } from './backend.js';
import { isLoopbackHost } from './bind-policy.js';
import type { Logger } from './logging.js';
import { createProviderBackend } from './provider-backend.js';

/** Where model calls go: the gateway's Outcrop (Amazon Bedrock, or the embedded emulator without credentials). */
export interface Upstream {
  usingEmulator: boolean;
  emulatorUrl?: string;
  credentialLabel: string;
  region: string;
  discoveryEnabled: boolean;
  discoveryFetchedAt(): number | undefined;
  /** The backend for a config (a reload builds a new one over the same connection and discovery). */
  backendFor(config: OutcropConfig): Backend;
  close(): Promise<void>;
}

export interface ConnectUpstreamOptions {
  config: OutcropConfig;
  env: Env;
  homeDir?: string;
  emulator: 'auto' | 'always' | 'never';
  /** The bind address: 'auto' serves the emulator on loopback only, and refuses to start elsewhere. */
  host: string;
  log: Logger;
  /** Routed models' headroom and rests shared with other replicas (Redis); default: this process's memory. */
  routeLedger?: RouteLedgerStore;
  /** The clock of routed models' quota windows and rests (tests pin it). */
  now?: () => number;
}

/** At most one shared-ledger warning this often: a Redis outage must not flood the log. */
const LEDGER_REPORT_EVERY_MS = 60_000;

/** The gateway's one createOutcrop(); everything else it adds is HTTP. */
export async function connectUpstream(options: ConnectUpstreamOptions): Promise<Upstream> {
  const { config, log } = options;
  const outcrop = await createOutcrop({
    config,
    env: options.env,
    ...(options.homeDir !== undefined ? { homeDir: options.homeDir } : {}),
    transport: {
      firstEventTimeoutMs: config.gateway.limits.firstEventTimeoutMs,
      idleTimeoutMs: config.gateway.limits.idleTimeoutMs,
    },
    emulator: {
      mode: options.emulator,
      loopbackOnly: isLoopbackHost(options.host),
      start: ({ region }) => startEmulator({ region }),
    },
    routing: {
      ...(options.now ? { now: options.now } : {}),
      ...(options.routeLedger ? { ledger: options.routeLedger, onLedgerError: ledgerReporter(log) } : {}),
    },
  });
  if (outcrop.emulator) {
    log.warn(
      { emulator: outcrop.emulator.url },
      'no AWS credentials found: serving the embedded Bedrock emulator',
    );
  }
  // A gateway with configured models is still useful when listing fails; say so and keep going.
  const models = await outcrop.models({ strict: true }).catch((err: unknown) => {
    log.warn({ err }, 'discovery failed; serving configured models only until it succeeds');
    return [];
  });
  const discovered = outcrop.lastDiscovery();
  if (discovered?.errors.length) {
    log.warn(
      { errors: discovered.errors.map((e) => ({ code: e.code, message: e.message })) },
      'discovery incomplete',
    );
  }
  if (outcrop.discovery) {
    log.info(
      { models: models.length, region: outcrop.discovery.region, fromCache: discovered?.fromCache ?? false },
      'discovered',
    );
  }
  return {
    usingEmulator: outcrop.emulator !== undefined,
    ...(outcrop.emulator ? { emulatorUrl: outcrop.emulator.url } : {}),
    credentialLabel: outcrop.credentialSource.label,
    region: outcrop.region.region,
    discoveryEnabled: outcrop.discovery !== undefined,
    discoveryFetchedAt: () => outcrop.discovery?.cacheInfo().fetchedAt,
    backendFor: (next) => createProviderBackend(outcrop.withConfig(next)),
    close: () => outcrop.close(),
  };
}

/** Logs a shared-ledger failure (rate-limited): routing goes on with what this replica knows. */
function ledgerReporter(log: Logger): (error: unknown) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (error) => {
    const now = performance.now();
    if (now - last < LEDGER_REPORT_EVERY_MS) return;
    last = now;
    log.warn(
      { reason: (error as Error)?.message?.slice(0, 200) },
      "routing quota ledger (Redis) failed; routing on this replica's own view",
    );
  };
}
