import { createHash } from 'node:crypto';
import type { CredentialProvider } from './aws-credentials.js';
import { resolveCredentialPlan } from './credential-source.js';
import type { CredentialPlan, CredentialSource } from './credential-types.js';
import { CredentialsError } from './credentials-error.js';
import { type BedrockService, type ResolvedEndpoint, resolveEndpoint } from './endpoint.js';
import { type Env, resolveContext } from './env.js';
import { createRefreshingProvider } from './refreshing-provider.js';
import { type ResolvedRegion, resolveRegion } from './region.js';
import { sharedFilesFingerprint } from './shared-files.js';

/** What to spread into `new BedrockRuntimeClient(...)` / `new BedrockClient(...)`. */
export interface BedrockClientConfig {
  region: string;
  endpoint?: string;
  credentials?: CredentialProvider;
  token?: { token: string };
  authSchemePreference?: string[];
}

export interface BedrockConnection {
  source: CredentialSource;
  region: ResolvedRegion;
  runtimeEndpoint: ResolvedEndpoint;
  controlEndpoint: ResolvedEndpoint;
  /** Stable, non-secret key for client pools and caches: source kind, hashed key id or profile, endpoint. */
  identity: string;
  clientConfig(service: BedrockService, overrides?: { region?: string }): BedrockClientConfig;
}

export interface ResolveBedrockConnectionOptions {
  env?: Env;
  homeDir?: string;
  /** Configured region (Outcrop config); wins over the environment. */
  region?: string;
  /** Configured provider baseUrl. */
  baseUrl?: string;
  /** Bound for probing container / instance metadata endpoints (default 1000 ms). */
  timeoutMs?: number;
  /** Clock for expiry and refresh decisions (tests). */
  now?: () => number;
  /** How long before expiry temporary credentials are refreshed (default 5 minutes). */
  refreshMarginMs?: number;
}

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/**
 * Long-term keys are told apart by key id *and* secret, so a corrected secret under the same key id gets
 * its own pooled client instead of the one signing with the old secret. Only a short hash ever leaves here.
 */
function keyFingerprint(credentials: { accessKeyId: string; secretAccessKey: string }): string {
  return shortHash(`${credentials.accessKeyId}\0${credentials.secretAccessKey}`);
}

/**
 * Identity never contains a secret or a key id, only hashes and non-secret names. Long-term keys are identified by
 * a hash of key id and secret. Temporary credentials (SSO, roles, credential_process) get a new key id every
 * session, so for them the profile or chain link is the stable name of who we are; the account id, when known, is
 * added.
 */
function connectionIdentity(plan: CredentialPlan, runtime: ResolvedEndpoint): string {
  const where = runtime.url ?? 'aws';
  const source = plan.source;
  const credentials = plan.credentials;
  const principal = !credentials
    ? 'none'
    : credentials.sessionToken
      ? 'session'
      : keyFingerprint(credentials);
  const account = credentials?.accountId ? `:${shortHash(credentials.accountId)}` : '';
  switch (source.kind) {
    case 'bearer-token':
      return `bearer-token:${shortHash(plan.bearerToken ?? '')}@${where}`;
    case 'env-keys':
      // No name to fall back on: even temporary env keys are told apart by their key id.
      return `env-keys:${credentials ? keyFingerprint(credentials) : 'none'}${account}@${where}`;
    case 'profile':
      return `profile:${source.profile}:${principal}${account}@${where}`;
    case 'default-chain':
      return `default-chain:${source.link}:${principal}${account}@${where}`;
    case 'none':
      return `none@${where}`;
  }
}

function credentialProviderFor(
  plan: CredentialPlan,
  options: ResolveBedrockConnectionOptions,
): CredentialProvider {
  const source = plan.source;
  if (source.kind === 'none' || !plan.reload) {
    const provider: CredentialProvider = async () => {
      throw new CredentialsError(
        'no_credentials',
        `No AWS credentials found. Tried: ${describeTried(plan)}.`,
        {
          hint: source.kind === 'none' ? source.hint : 'Configure AWS credentials.',
          source: source.label,
        },
      );
    };
    provider.memoized = true;
    return provider;
  }
  return createRefreshingProvider({
    load: plan.reload,
    ...(plan.credentials ? { initial: plan.credentials } : {}),
    ...(plan.fromSharedFiles ? { fingerprint: () => sharedFilesFingerprint(plan.paths) } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
    source: source.label,
  });
}

function describeTried(plan: CredentialPlan): string {
  return plan.source.kind === 'none' ? plan.source.tried.join('; ') : plan.source.label;
}

/**
 * Resolves credentials, region and endpoints once, for every Bedrock client of a process to share.
 * `clientConfig(service)` gives the SDK client config: SigV4 with a caching, refreshing credentials provider, or a
 * Bedrock API key as `token` with `authSchemePreference: ['httpBearerAuth']` (the way the SDK expects it).
 */
export async function resolveBedrockConnection(
  options: ResolveBedrockConnectionOptions = {},
): Promise<BedrockConnection> {
  const { env, homeDir } = resolveContext(options);
  const plan = await resolveCredentialPlan({
    env,
    homeDir,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const runtimeEndpoint = resolveEndpoint('bedrock-runtime', {
    env,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  const controlEndpoint = resolveEndpoint('bedrock', {
    env,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  const region = resolveRegion({
    env,
    homeDir,
    profile: plan.profile,
    ...(options.region ? { configured: options.region } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  const credentials = plan.bearerToken ? undefined : credentialProviderFor(plan, options);
  const bearerToken = plan.bearerToken;

  return {
    source: plan.source,
    region,
    runtimeEndpoint,
    controlEndpoint,
    identity: connectionIdentity(plan, runtimeEndpoint),
    clientConfig(service, overrides = {}) {
      const endpoint = service === 'bedrock-runtime' ? runtimeEndpoint : controlEndpoint;
      const base = {
        region: overrides.region ?? region.region,
        ...(endpoint.url ? { endpoint: endpoint.url } : {}),
      };
      if (bearerToken) {
        return { ...base, token: { token: bearerToken }, authSchemePreference: ['httpBearerAuth'] };
      }
      // Pin SigV4: an AWS_BEARER_TOKEN_BEDROCK in process.env would otherwise make the SDK prefer bearer auth.
      return { ...base, credentials: credentials!, authSchemePreference: ['sigv4'] };
    },
  };
}
