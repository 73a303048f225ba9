import type { AwsCredentials } from './aws-credentials.js';
import {
  type ChainLink,
  classifyProfile,
  containerConfigured,
  instanceMetadataConfigured,
  type LinkContext,
  loadContainerCredentials,
  loadCredentialProviders,
  loadInstanceMetadataCredentials,
  loadWebIdentityCredentials,
  webIdentityConfigured,
} from './chain-links.js';
import type { CredentialPlan } from './credential-types.js';
import { type CredentialsError, credentialsErrorFromSdk } from './credentials-error.js';
import { maskSecret } from './mask-secret.js';
import { loadProfileLink, PROFILE_LINK_TIMEOUT_MS } from './profile-link.js';
import { loadProfiles, type ProfileData } from './shared-files.js';
import { LinkTimeoutError, withTimeout } from './timeout.js';

export const NO_CREDENTIALS_HINT =
  'Set AWS_PROFILE to a profile in ~/.aws/config (`aws configure list-profiles`), run `aws configure` or ' +
  '`aws sso login`, export AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY, or put a Bedrock API key in ' +
  'AWS_BEARER_TOKEN_BEDROCK.';

interface Attempt {
  link: ChainLink;
  /** Why the link does not apply; undefined when it does and `load` should be tried. */
  skip?: string;
  load: () => Promise<AwsCredentials>;
  fromSharedFiles: boolean;
}

function chainLabel(link: ChainLink): `aws-sdk default chain (${ChainLink})` {
  return `aws-sdk default chain (${link})`;
}

function defaultProfileAttempt(ctx: LinkContext, data: ProfileData | undefined, now: () => number): Attempt {
  const link = classifyProfile(data);
  if (!data || !link) {
    return {
      link: 'shared credentials',
      skip: data
        ? `[${ctx.profile}] profile has no credential settings`
        : `no [${ctx.profile}] profile in ${ctx.paths.credentialsFile} or ${ctx.paths.configFile}`,
      load: () => Promise.reject(new Error('not configured')),
      fromSharedFiles: true,
    };
  }
  // Re-read the files on every reload: a rotated credentials file may have changed the profile.
  const load = async () => {
    const fresh = (await loadProfiles(ctx.paths))[ctx.profile];
    return loadProfileLink(ctx, fresh ?? data, classifyProfile(fresh) ?? link, chainLabel(link), now());
  };
  return { link, load, fromSharedFiles: true };
}

function remoteAttempt(
  link: ChainLink,
  skip: string | undefined,
  ctx: LinkContext,
  load: (ctx: LinkContext) => Promise<AwsCredentials>,
  options: { timeoutMs?: number; usesSdk?: boolean } = {},
): Attempt {
  const timeoutMs = options.timeoutMs ?? ctx.timeoutMs;
  return {
    link,
    ...(skip ? { skip } : {}),
    load: async () => {
      // Load the SDK's providers before the clock starts: the probe bound is for the endpoint, not our disk.
      if (options.usesSdk) await loadCredentialProviders();
      return withTimeout(load(ctx), timeoutMs, link);
    },
    fromSharedFiles: false,
  };
}

/**
 * Walks the SDK's default chain in its order (shared files / config profile — which covers static keys, assume
 * role, SSO, credential_process and web identity profiles — then web identity from env, container, instance
 * metadata), resolving each applicable link for real so we can name the one that answered. Metadata endpoints are
 * probed with `ctx.timeoutMs`, so EC2 and ECS roles are detected while a laptop fails fast.
 */
export async function resolveDefaultChain(
  ctx: LinkContext,
  state: { tried: string[]; now: () => number },
): Promise<CredentialPlan> {
  const profiles = await loadProfiles(ctx.paths).catch(() => ({}) as Record<string, ProfileData>);
  const attempts: Attempt[] = [
    defaultProfileAttempt(ctx, profiles[ctx.profile], state.now),
    remoteAttempt(
      'web identity',
      webIdentityConfigured(ctx.env) ? undefined : 'AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN not set',
      ctx,
      loadWebIdentityCredentials,
      // Web identity asks STS rather than a local metadata endpoint: give it the profile bound.
      { timeoutMs: Math.max(ctx.timeoutMs, PROFILE_LINK_TIMEOUT_MS), usesSdk: true },
    ),
    remoteAttempt(
      'container',
      containerConfigured(ctx.env)
        ? undefined
        : 'AWS_CONTAINER_CREDENTIALS_FULL_URI / AWS_CONTAINER_CREDENTIALS_RELATIVE_URI not set',
      ctx,
      loadContainerCredentials,
      { usesSdk: true },
    ),
    remoteAttempt(
      'instance metadata',
      instanceMetadataConfigured(ctx.env) ? undefined : 'disabled by AWS_EC2_METADATA_DISABLED',
      ctx,
      loadInstanceMetadataCredentials,
    ),
  ];

  const tried = [...state.tried];
  let actionable: CredentialsError | undefined;
  for (const attempt of attempts) {
    const label = chainLabel(attempt.link);
    if (attempt.skip) {
      tried.push(`${label}: ${attempt.skip}`);
      continue;
    }
    try {
      const credentials = await attempt.load();
      return {
        source: {
          kind: 'default-chain',
          label,
          link: attempt.link,
          maskedKeyId: maskSecret(credentials.accessKeyId),
          ...(credentials.expiration ? { expiresAt: credentials.expiration } : {}),
        },
        profile: ctx.profile,
        paths: ctx.paths,
        credentials,
        // A refresh that fails (an expired role, a metadata endpoint gone) is typed like the first load was.
        reload: () =>
          attempt.load().catch((error: unknown) => {
            throw credentialsErrorFromSdk(error, { source: label, profile: ctx.profile });
          }),
        fromSharedFiles: attempt.fromSharedFiles,
      };
    } catch (error) {
      const typed =
        error instanceof LinkTimeoutError
          ? undefined
          : credentialsErrorFromSdk(error, { source: label, profile: ctx.profile });
      tried.push(`${label}: ${typed ? (typed.detail ?? typed.message) : (error as Error).message}`);
      if (typed && typed.code !== 'no_credentials' && !actionable) actionable = typed;
    }
  }
  // A link that is configured but expired is more useful to report than "nothing found".
  if (actionable) throw actionable;
  return {
    source: { kind: 'none', label: 'none', tried, hint: NO_CREDENTIALS_HINT },
    profile: ctx.profile,
    paths: ctx.paths,
    fromSharedFiles: false,
  };
}
