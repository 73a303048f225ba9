import type { AwsCredentials } from './aws-credentials.js';
import type { ChainLink } from './chain-links.js';
import type { ResolveContextOptions } from './env.js';
import type { SharedFilePaths } from './shared-files.js';

export type CredentialSource =
  | { kind: 'bearer-token'; label: 'env: AWS_BEARER_TOKEN_BEDROCK'; maskedToken: string }
  | {
      kind: 'env-keys';
      label: 'env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY';
      maskedKeyId: string;
      temporary: boolean;
    }
  | { kind: 'profile'; label: `env: AWS_PROFILE (${string})`; profile: string; maskedKeyId?: string }
  | {
      kind: 'default-chain';
      label: `aws-sdk default chain (${ChainLink})`;
      link: ChainLink;
      maskedKeyId?: string;
      expiresAt?: Date;
    }
  | { kind: 'none'; label: 'none'; tried: string[]; hint: string };

export const BEARER_LABEL = 'env: AWS_BEARER_TOKEN_BEDROCK';
export const ENV_KEYS_LABEL = 'env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY';

/** Default bound for probing the container and instance metadata endpoints. */
export const DEFAULT_PROBE_TIMEOUT_MS = 1000;

export interface ResolveCredentialSourceOptions extends ResolveContextOptions {
  /** Bound for asking the container / instance metadata endpoints (default 1000 ms). */
  timeoutMs?: number;
  /** Clock, for tests of expiry. */
  now?: () => number;
}

/** A resolved source plus what a client needs to keep using it: the first credentials and how to re-resolve. */
export interface CredentialPlan {
  source: CredentialSource;
  /** The profile whose `~/.aws/config` settings apply (AWS_PROFILE, else `default`). */
  profile: string;
  paths: SharedFilePaths;
  bearerToken?: string;
  credentials?: AwsCredentials;
  /** Re-resolves the same source (re-reading files); absent for bearer tokens and `none`. */
  reload?: () => Promise<AwsCredentials>;
  /** True when the credentials came from the shared files, so a change to them must trigger `reload`. */
  fromSharedFiles: boolean;
}
