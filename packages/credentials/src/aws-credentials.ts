/** The credential identity the AWS SDK signs with (structurally the SDK's AwsCredentialIdentity). */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
}

/**
 * A credentials provider for SDK clients. `memoized: true` tells the SDK not to wrap it in its own cache, which
 * would otherwise keep non-expiring credentials forever and never see a rotated credentials file.
 */
export interface CredentialProvider {
  (identityProperties?: Record<string, unknown>): Promise<AwsCredentials>;
  memoized?: boolean;
}

export function toAwsCredentials(value: {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
  expiration?: Date | undefined;
  accountId?: string | undefined;
}): AwsCredentials {
  return {
    accessKeyId: value.accessKeyId,
    secretAccessKey: value.secretAccessKey,
    ...(value.sessionToken ? { sessionToken: value.sessionToken } : {}),
    ...(value.expiration ? { expiration: value.expiration } : {}),
    ...(value.accountId ? { accountId: value.accountId } : {}),
  };
}
