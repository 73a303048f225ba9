import { classifyProfile, type LinkContext } from './chain-links.js';
import type { CredentialPlan } from './credential-types.js';
import { CredentialsError, profileNotFound } from './credentials-error.js';
import { maskSecret } from './mask-secret.js';
import { loadProfileLink } from './profile-link.js';
import { loadProfiles, profileNames } from './shared-files.js';

/** `AWS_PROFILE=<name>`: the profile must exist and hold credential settings, else a typed error says so. */
export async function resolveNamedProfile(ctx: LinkContext, now: () => number): Promise<CredentialPlan> {
  const label = `env: AWS_PROFILE (${ctx.profile})` as const;
  const reload = async () => {
    const profiles = await loadProfiles(ctx.paths);
    const data = profiles[ctx.profile];
    if (!data) throw profileNotFound(ctx.profile, label, profileNames(profiles));
    const link = classifyProfile(data);
    if (!link) {
      throw new CredentialsError(
        'no_credentials',
        `AWS profile "${ctx.profile}" has no credential settings.`,
        {
          hint:
            'Give it aws_access_key_id + aws_secret_access_key, role_arn + source_profile, sso_session, ' +
            'credential_process or web_identity_token_file (`aws configure --profile ' +
            ctx.profile +
            '`).',
          source: label,
        },
      );
    }
    return loadProfileLink(ctx, data, link, label, now());
  };
  const credentials = await reload();
  return {
    source: {
      kind: 'profile',
      label,
      profile: ctx.profile,
      maskedKeyId: maskSecret(credentials.accessKeyId),
    },
    profile: ctx.profile,
    paths: ctx.paths,
    credentials,
    reload,
    fromSharedFiles: true,
  };
}
