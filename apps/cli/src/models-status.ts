import { lookupCallerIdentity } from './caller-identity.js';
import type { CommandContext } from './command-context.js';
import { type CredentialView, credentialDetail, describeCredentials } from './credential-view.js';
import { diskCacheFetchedAt } from './disk-cache-age.js';
import { ExitCode } from './exit-codes.js';
import { describeRegionSource, formatAge, formatAgo } from './format.js';
import { bedrockProvider, cacheDir, loadConfig } from './session.js';
import type { CredentialSource } from './upstream.js';
import * as upstream from './upstream.js';

export interface ModelsStatusOptions {
  json?: boolean;
  check?: boolean;
}

/** The `--json` shape of `models status` (documented in the README). */
export interface ModelsStatusJson {
  credentials: CredentialView & { error?: { code: string; message: string; hint?: string } };
  region: { region: string; source: string };
  endpoints: {
    runtime: { url: string | null; source: string };
    control: { url: string | null; source: string };
  };
  /** STS GetCallerIdentity: `{ account, arn, userId }`, or why it is not shown. */
  identity: { account: string; arn: string; userId: string } | { unavailable: string };
  discovery: {
    enabled: boolean;
    /** Where `models list` would list from: real Bedrock, or the embedded emulator (no credentials). */
    via: 'bedrock' | 'emulator';
    refreshIntervalSeconds: number;
    cacheDir: string;
    cachedAt: string | null;
    cacheAgeMs: number | null;
  };
  models: { primary: string | null; fallbacks: string[] };
  config: { path: string | null; source: string };
}

/**
 * Reports where credentials, region and models come from. Never starts the emulator and never calls
 * Bedrock: it is safe (and fast) to run anywhere, and `--check` gates scripts on working credentials.
 */
export async function runModelsStatus(
  context: CommandContext,
  options: ModelsStatusOptions,
): Promise<number> {
  const status = await collectStatus(context);
  if (options.json) context.term.json(status);
  else printStatus(context, status);
  if (options.check && !status.credentials.ok) return ExitCode.credentials;
  return ExitCode.ok;
}

export async function collectStatus(context: CommandContext): Promise<ModelsStatusJson> {
  const loaded = await loadConfig(context);
  const { config } = loaded;
  const provider = bedrockProvider(config);
  const { agentModels } = await upstream.configSchema();
  const { resolveBedrockConnection, resolveRegion, resolveEndpoint } = await upstream.credentials();
  // The region rule createOutcrop applies: the provider block's region, else discovery's.
  const configuredRegion = provider?.region ?? config.models.bedrockDiscovery.region;
  const base = { env: context.env, homeDir: context.homeDir };

  let credentials: ModelsStatusJson['credentials'];
  let discoveryEnabled = false;
  let via: 'bedrock' | 'emulator' = 'bedrock';
  let cacheInfo: { fetchedAt?: number; ageMs?: number } = {};
  let identity: ModelsStatusJson['identity'] = { unavailable: 'no credentials' };
  try {
    const connection = await resolveBedrockConnection({
      ...base,
      region: configuredRegion,
      baseUrl: provider?.baseUrl,
      timeoutMs: 3000,
    });
    credentials = describeCredentials(connection.source);
    const found = await lookupCallerIdentity(connection, context.env);
    if (found.available) identity = { account: found.account, arn: found.arn, userId: found.userId };
    else {
      identity = { unavailable: found.reason };
      // STS is the one place that can tell that static session credentials have expired.
      if (found.expired) credentials = { ...credentials, ok: false, expired: true };
    }
    const discovery = await upstream.discovery();
    via = await emulatorWouldServe(context, connection.source);
    // What `models list` does: with no credentials it lists from the emulator, whose keys turn discovery on.
    discoveryEnabled = discovery.discoveryEnabled(
      config.models.bedrockDiscovery,
      via === 'emulator' ? { kind: 'env-keys' } : connection.source,
    );
    if (discoveryEnabled && via === 'bedrock') {
      const info = discovery
        .createDiscovery({
          connection,
          config: config.models.bedrockDiscovery,
          diskCacheDir: cacheDir(context.homeDir),
        })
        .cacheInfo();
      const fetchedAt = info.fetchedAt ?? (await diskCacheFetchedAt(cacheDir(context.homeDir), info.key));
      if (fetchedAt !== undefined) cacheInfo = { fetchedAt, ageMs: Math.max(0, Date.now() - fetchedAt) };
    }
  } catch (error) {
    // Expired SSO sessions and missing profiles are answers here, not crashes.
    const coded = error as { code?: string; message?: string; hint?: string };
    credentials = {
      ok: false,
      kind: 'none',
      label: 'none',
      step: null,
      expired: coded.code === 'expired_credentials' || coded.code === 'sso_session_expired',
      error: {
        code: String(coded.code ?? 'unknown'),
        message: String(coded.message ?? error),
        hint: coded.hint,
      },
    };
  }

  const region = resolveRegion({ ...base, configured: configuredRegion });
  const runtime = resolveEndpoint('bedrock-runtime', { env: context.env, baseUrl: provider?.baseUrl });
  const control = resolveEndpoint('bedrock', { env: context.env });
  const { primary, fallbacks } = agentModels(config);
  return {
    credentials,
    region: { region: region.region, source: region.source },
    endpoints: {
      runtime: { url: runtime.url ?? null, source: runtime.source },
      control: { url: control.url ?? null, source: control.source },
    },
    identity,
    discovery: {
      enabled: discoveryEnabled,
      via,
      refreshIntervalSeconds: config.models.bedrockDiscovery.refreshInterval,
      cacheDir: cacheDir(context.homeDir),
      cachedAt: cacheInfo.fetchedAt ? new Date(cacheInfo.fetchedAt).toISOString() : null,
      cacheAgeMs: cacheInfo.ageMs ?? null,
    },
    models: { primary: primary ?? null, fallbacks },
    config: { path: loaded.path ?? null, source: loaded.source },
  };
}

function printStatus(context: CommandContext, status: ModelsStatusJson): void {
  const { term } = context;
  const c = term.out;
  const line = (name: string, value: string) => term.print(`${c.bold(name.padEnd(14))}${value}`);
  const from = (source: string) => c.dim(`(from ${source})`);
  const cred = status.credentials;

  if (cred.error) {
    line('Credentials', `${c.red('✗')} ${cred.error.message}`);
    if (cred.error.hint) line('', c.dim(`hint: ${cred.error.hint}`));
  } else if (!cred.ok && cred.kind === 'none') {
    line('Credentials', `${c.red('✗ none found')}, looked for in this order:`);
    (cred.tried ?? []).forEach((step, index) => {
      line('', c.dim(`  ${index + 1}. ${step}`));
    });
    if (cred.hint) line('', c.dim(`hint: ${cred.hint}`));
  } else {
    const mark = cred.ok ? c.green('✓') : c.red('✗');
    const detail = credentialDetail(cred);
    line('Credentials', `${mark} ${cred.label}${detail ? c.dim(`  ${detail}`) : ''}`);
  }
  const regionSource = describeRegionSource(
    status.region.source,
    context.env.AWS_PROFILE?.trim() || undefined,
  );
  line('Region', `${status.region.region} ${c.dim(`(${regionSource})`)}`);
  if (status.endpoints.runtime.url) {
    line('Endpoint', `${status.endpoints.runtime.url} ${from(status.endpoints.runtime.source)}`);
  }
  line(
    'Identity',
    'arn' in status.identity
      ? `${status.identity.arn} ${c.dim(`(account ${status.identity.account})`)}`
      : c.dim(`unavailable: ${status.identity.unavailable}`),
  );
  const discovery = status.discovery;
  const cache =
    discovery.cacheAgeMs === null
      ? 'no cache yet'
      : `cached ${formatAgo(discovery.cacheAgeMs)}, refreshed every ${formatAge(discovery.refreshIntervalSeconds * 1000)}`;
  const on =
    discovery.via === 'emulator'
      ? `on ${c.dim('(from the embedded emulator: no credentials; `outcrop models list` starts it)')}`
      : `on ${c.dim(`(${cache})`)}`;
  line('Discovery', discovery.enabled ? on : 'off');
  line('Default model', status.models.primary ?? c.dim('not set (agents.defaults.model)'));
  status.models.fallbacks.forEach((ref, index) => {
    line(index === 0 ? 'Fallbacks' : '', `${index + 1}. ${ref}`);
  });
  line(
    'Config',
    status.config.path ? `${status.config.path} ${from(status.config.source)}` : c.dim('none (defaults)'),
  );
}

/** createOutcrop's emulator rule (the CLI serves this machine only), decided without starting anything. */
async function emulatorWouldServe(
  context: CommandContext,
  source: CredentialSource,
): Promise<'bedrock' | 'emulator'> {
  const { chooseUpstream } = await upstream.provider();
  try {
    return chooseUpstream({ mode: context.globals.emulator ? 'auto' : 'never', source, loopbackOnly: true });
  } catch {
    return 'bedrock'; // --no-emulator without credentials: list would fail, as the credentials line says
  }
}
