import type { AwsCredentials } from './aws-credentials.js';
import {
  type ChainLink,
  type LinkContext,
  loadCredentialProviders,
  loadProfileCredentials,
} from './chain-links.js';
import { credentialsErrorFromSdk } from './credentials-error.js';
import type { ProfileData } from './shared-files.js';
import { assertSsoSessionUsable } from './sso-session.js';
import { withTimeout } from './timeout.js';

/**
 * Profiles can start a process (credential_process), call STS or the SSO portal; bound them generously so a
 * hung helper cannot hang a request forever, but never as tightly as the metadata probes.
 */
export const PROFILE_LINK_TIMEOUT_MS = 30_000;

/** Resolves a profile through the SDK, checking an SSO login first; every failure becomes a CredentialsError. */
export async function loadProfileLink(
  ctx: LinkContext,
  data: ProfileData,
  link: ChainLink,
  source: string,
  now: number,
): Promise<AwsCredentials> {
  if (link === 'sso') {
    await assertSsoSessionUsable({ homeDir: ctx.homeDir, profile: ctx.profile, data, source, now });
  }
  try {
    await loadCredentialProviders(); // before the clock starts
    return await withTimeout(
      loadProfileCredentials(ctx),
      Math.max(ctx.timeoutMs, PROFILE_LINK_TIMEOUT_MS),
      `profile ${ctx.profile}`,
    );
  } catch (error) {
    throw credentialsErrorFromSdk(error, { source, profile: ctx.profile });
  }
}
