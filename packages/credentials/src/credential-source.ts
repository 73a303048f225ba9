import type { AwsCredentials } from './aws-credentials.js';
import {
  BEARER_LABEL,
  type CredentialPlan,
  type CredentialSource,
  DEFAULT_PROBE_TIMEOUT_MS,
  ENV_KEYS_LABEL,
  type ResolveCredentialSourceOptions,
} from './credential-types.js';
import { CredentialsError } from './credentials-error.js';
import { resolveDefaultChain } from './default-chain.js';
import { type Env, envValue, resolveContext } from './env.js';
import { maskSecret } from './mask-secret.js';
import { resolveNamedProfile } from './named-profile.js';
import { sharedFilePaths } from './shared-files.js';

/**
 * Finds where credentials come from, in this order, and labels it: AWS_BEARER_TOKEN_BEDROCK, the
 * AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY pair, AWS_PROFILE, then the SDK default chain (shared files, SSO,
 * credential_process, web identity, container, instance metadata). Whitespace-only variables count as unset.
 * Returns `kind: 'none'` (with what was tried) when nothing is configured; throws `CredentialsError` when
 * something is configured but broken (missing profile, expired SSO session, expired session keys).
 */
export async function resolveCredentialSource(
  options: ResolveCredentialSourceOptions = {},
): Promise<CredentialSource> {
  return (await resolveCredentialPlan(options)).source;
}

export async function resolveCredentialPlan(
  options: ResolveCredentialSourceOptions = {},
): Promise<CredentialPlan> {
  const { env, homeDir } = resolveContext(options);
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const paths = sharedFilePaths(env, homeDir);
  const tried: string[] = [];

  const bearerToken = envValue(env, 'AWS_BEARER_TOKEN_BEDROCK');
  const profile = envValue(env, 'AWS_PROFILE');
  const base = { profile: profile ?? 'default', paths, fromSharedFiles: false };
  if (bearerToken) {
    return {
      ...base,
      source: { kind: 'bearer-token', label: BEARER_LABEL, maskedToken: maskSecret(bearerToken) },
      bearerToken,
    };
  }
  tried.push(`${BEARER_LABEL}: not set`);

  const envKeys = envKeyCredentials(env, now());
  if (envKeys.credentials) {
    const credentials = envKeys.credentials;
    return {
      ...base,
      source: {
        kind: 'env-keys',
        label: ENV_KEYS_LABEL,
        maskedKeyId: maskSecret(credentials.accessKeyId),
        temporary: Boolean(credentials.sessionToken),
      },
      credentials,
      reload: async () => credentials,
    };
  }
  tried.push(`${ENV_KEYS_LABEL}: ${envKeys.why}`);

  if (profile) {
    return resolveNamedProfile({ env, homeDir, paths, profile, timeoutMs }, now);
  }
  tried.push('env: AWS_PROFILE: not set');

  return resolveDefaultChain({ env, homeDir, paths, profile: 'default', timeoutMs }, { tried, now });
}

function envKeyCredentials(env: Env, now: number): { credentials?: AwsCredentials; why: string } {
  const accessKeyId = envValue(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = envValue(env, 'AWS_SECRET_ACCESS_KEY');
  if (!accessKeyId && !secretAccessKey) return { why: 'not set' };
  if (!accessKeyId) return { why: 'AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not' };
  if (!secretAccessKey) return { why: 'AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not' };
  const sessionToken = envValue(env, 'AWS_SESSION_TOKEN');
  const expirationText = envValue(env, 'AWS_CREDENTIAL_EXPIRATION');
  const expiration = expirationText ? new Date(expirationText) : undefined;
  if (expiration && Number.isFinite(expiration.getTime()) && expiration.getTime() <= now) {
    throw new CredentialsError(
      'expired_credentials',
      `The session credentials in ${ENV_KEYS_LABEL} (${maskSecret(accessKeyId)}) expired at ${expiration.toISOString()}.`,
      {
        hint: 'Export fresh AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, or unset them to use a profile.',
        source: ENV_KEYS_LABEL,
      },
    );
  }
  const accountId = envValue(env, 'AWS_ACCOUNT_ID');
  return {
    credentials: {
      accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
      ...(expiration && Number.isFinite(expiration.getTime()) ? { expiration } : {}),
      ...(accountId ? { accountId } : {}),
    },
    why: 'set',
  };
}
