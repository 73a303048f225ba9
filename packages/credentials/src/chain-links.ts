import { type AwsCredentials, toAwsCredentials } from './aws-credentials.js';
import { type Env, envValue } from './env.js';
import { fromInstanceMetadataService, instanceMetadataDisabled } from './instance-metadata.js';
import type { ProfileData, SharedFilePaths } from './shared-files.js';

export type ChainLink =
  | 'shared credentials'
  | 'sso'
  | 'credential_process'
  | 'web identity'
  | 'container'
  | 'instance metadata';

/** Which default-chain link a profile's keys select, in the order the SDK's fromIni checks them. */
export function classifyProfile(data: ProfileData | undefined): ChainLink | undefined {
  if (!data) return undefined;
  if (data.role_arn && (data.source_profile || data.credential_source)) {
    if (data.credential_source === 'Ec2InstanceMetadata') return 'instance metadata';
    if (data.credential_source === 'EcsContainer') return 'container';
    return 'shared credentials';
  }
  if (data.aws_access_key_id && data.aws_secret_access_key) return 'shared credentials';
  if (data.web_identity_token_file && data.role_arn) return 'web identity';
  if (data.credential_process) return 'credential_process';
  if (data.sso_session || data.sso_start_url || data.sso_account_id) return 'sso';
  if (data.login_session) return 'shared credentials';
  return undefined;
}

export interface LinkContext {
  env: Env;
  homeDir: string;
  paths: SharedFilePaths;
  profile: string;
  /** Bound for the links that ask a metadata endpoint (container, instance metadata). */
  timeoutMs: number;
}

/**
 * The SDK's providers, loaded on first use: env keys, bearer tokens and the region need none of them, and the
 * module graph behind `@aws-sdk/credential-providers` costs a short-lived CLI more than its whole answer.
 */
export const loadCredentialProviders = (): Promise<typeof import('@aws-sdk/credential-providers')> =>
  import('@aws-sdk/credential-providers');

/** Loads a profile through the SDK with our explicit file paths; files are re-read on every call. */
export async function loadProfileCredentials(ctx: LinkContext): Promise<AwsCredentials> {
  const { fromIni } = await loadCredentialProviders();
  return fromIni({
    profile: ctx.profile,
    filepath: ctx.paths.credentialsFile,
    configFilepath: ctx.paths.configFile,
    ignoreCache: true,
  })().then(toAwsCredentials);
}

export function webIdentityConfigured(env: Env): boolean {
  return Boolean(envValue(env, 'AWS_WEB_IDENTITY_TOKEN_FILE') && envValue(env, 'AWS_ROLE_ARN'));
}

export async function loadWebIdentityCredentials(ctx: LinkContext): Promise<AwsCredentials> {
  const { fromTokenFile } = await loadCredentialProviders();
  const sessionName = envValue(ctx.env, 'AWS_ROLE_SESSION_NAME');
  return fromTokenFile({
    webIdentityTokenFile: envValue(ctx.env, 'AWS_WEB_IDENTITY_TOKEN_FILE')!,
    roleArn: envValue(ctx.env, 'AWS_ROLE_ARN')!,
    ...(sessionName ? { roleSessionName: sessionName } : {}),
  })().then(toAwsCredentials);
}

export function containerConfigured(env: Env): boolean {
  return Boolean(
    envValue(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') ||
      envValue(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'),
  );
}

/** ECS/EKS Pod Identity/Greengrass credentials endpoint, with every setting taken from the caller's env. */
export async function loadContainerCredentials(ctx: LinkContext): Promise<AwsCredentials> {
  const { fromHttp } = await loadCredentialProviders();
  const full = envValue(ctx.env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI');
  const relative = envValue(ctx.env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI');
  const token = envValue(ctx.env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN');
  const tokenFile = envValue(ctx.env, 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE');
  return fromHttp({
    ...(full ? { awsContainerCredentialsFullUri: full } : {}),
    ...(relative ? { awsContainerCredentialsRelativeUri: relative } : {}),
    ...(token ? { awsContainerAuthorizationToken: token } : {}),
    ...(tokenFile ? { awsContainerAuthorizationTokenFile: tokenFile } : {}),
    timeout: ctx.timeoutMs,
    maxRetries: 0,
  })().then(toAwsCredentials);
}

export function instanceMetadataConfigured(env: Env): boolean {
  return !instanceMetadataDisabled(env);
}

export function loadInstanceMetadataCredentials(ctx: LinkContext): Promise<AwsCredentials> {
  return fromInstanceMetadataService(ctx.env, ctx.timeoutMs);
}
