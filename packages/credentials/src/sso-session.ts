import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { CredentialsError } from './credentials-error.js';
import type { ProfileData } from './shared-files.js';

const CachedToken = z.object({
  accessToken: z.string().optional(),
  expiresAt: z.string(),
  refreshToken: z.string().optional(),
  registrationExpiresAt: z.string().optional(),
});

/** The AWS CLI caches an SSO login under ~/.aws/sso/cache/<sha1 of the session name or start URL>.json. */
export function ssoTokenCacheFile(homeDir: string, data: ProfileData): string | undefined {
  const key = data.sso_session ?? data.sso_start_url;
  if (!key) return undefined;
  return join(homeDir, '.aws', 'sso', 'cache', `${createHash('sha1').update(key).digest('hex')}.json`);
}

/**
 * Checks the cached SSO login of a profile before the SDK is asked, so an expired or missing login becomes
 * `sso_session_expired` with the exact `aws sso login` command, not a generic failure. A token that has expired
 * but can still be refreshed (refresh token and a live client registration) is left to the SDK to refresh.
 */
export async function assertSsoSessionUsable(options: {
  homeDir: string;
  profile: string;
  data: ProfileData;
  source: string;
  now: number;
}): Promise<void> {
  const file = ssoTokenCacheFile(options.homeDir, options.data);
  if (!file) return;
  const hint = `Run \`aws sso login --profile ${options.profile}\` and try again.`;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CredentialsError('sso_session_expired', `No SSO login found for ${options.source}.`, {
      hint,
      source: options.source,
    });
  }
  let parsedJson: unknown;
  try {
    parsedJson = JSON.parse(text);
  } catch {
    parsedJson = undefined;
  }
  const token = CachedToken.safeParse(parsedJson);
  if (!token.success) {
    throw new CredentialsError(
      'sso_session_expired',
      `The cached SSO login for ${options.source} is unreadable.`,
      {
        hint,
        source: options.source,
      },
    );
  }
  const expiresAt = Date.parse(token.data.expiresAt);
  if (Number.isFinite(expiresAt) && expiresAt > options.now) return;
  const registrationExpiresAt = Date.parse(token.data.registrationExpiresAt ?? '');
  const refreshable = Boolean(token.data.refreshToken) && registrationExpiresAt > options.now;
  if (refreshable) return;
  throw new CredentialsError(
    'sso_session_expired',
    `The SSO session for ${options.source} expired at ${token.data.expiresAt}.`,
    { hint, source: options.source },
  );
}
