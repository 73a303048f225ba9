import type { AwsCredentials, CredentialProvider } from './aws-credentials.js';
import { CredentialsError } from './credentials-error.js';

/** Temporary credentials are replaced this long before they expire (the SDK's own margin). */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

export interface RefreshingProviderOptions {
  /** Resolves fresh credentials from the source. */
  load: () => Promise<AwsCredentials>;
  /** Credentials already resolved (e.g. while detecting the source), used until they need refreshing. */
  initial?: AwsCredentials;
  /**
   * A cheap value that changes when the source's backing files change (see `sharedFilesFingerprint`). When it
   * differs from the value seen at the last load, the credentials are re-resolved.
   */
  fingerprint?: () => string;
  refreshMarginMs?: number;
  now?: () => number;
  /** Label of the source, for error messages. */
  source: string;
}

/**
 * A credentials provider for SDK clients that caches, refreshes temporary credentials `refreshMarginMs` before
 * expiry, and re-resolves when the shared credential files change, so a rotated ~/.aws/credentials is used without
 * a restart. Concurrent callers share one load. If a refresh ahead of expiry fails, the still-valid credentials are
 * kept; once they have expired the failure is thrown.
 */
export function createRefreshingProvider(options: RefreshingProviderOptions): CredentialProvider {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  let cached: { credentials: AwsCredentials; fingerprint: string | undefined } | undefined = options.initial
    ? { credentials: options.initial, fingerprint: options.fingerprint?.() }
    : undefined;
  let inflight: Promise<AwsCredentials> | undefined;

  const expired = (credentials: AwsCredentials) =>
    credentials.expiration !== undefined && credentials.expiration.getTime() <= now();
  const fresh = (credentials: AwsCredentials) =>
    credentials.expiration === undefined || credentials.expiration.getTime() - now() > margin;

  const load = (fingerprint: string | undefined): Promise<AwsCredentials> => {
    inflight ??= options
      .load()
      .then((credentials) => {
        if (expired(credentials)) {
          throw new CredentialsError(
            'expired_credentials',
            `The credentials from ${options.source} expired at ${credentials.expiration!.toISOString()}.`,
            {
              hint: 'Refresh them at their source (new session, `aws sso login`, rotated keys).',
              source: options.source,
            },
          );
        }
        cached = { credentials, fingerprint };
        return credentials;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  };

  const provider: CredentialProvider = async () => {
    const fingerprint = options.fingerprint?.();
    if (cached && cached.fingerprint === fingerprint && fresh(cached.credentials)) return cached.credentials;
    try {
      return await load(fingerprint);
    } catch (error) {
      const stillUsable = cached && cached.fingerprint === fingerprint && !expired(cached.credentials);
      if (stillUsable) return cached!.credentials;
      throw error;
    }
  };
  provider.memoized = true;
  return provider;
}
