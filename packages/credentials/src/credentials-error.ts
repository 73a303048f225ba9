import { redactSecrets, safeUpstreamMessage } from './mask-secret.js';
import { isOutcropError, OUTCROP_ERROR as MARKER } from './outcrop-error.js';

export type CredentialsErrorCode =
  | 'no_credentials'
  | 'expired_credentials'
  | 'profile_not_found'
  | 'sso_session_expired';

export interface CredentialsErrorOptions {
  hint: string;
  /** The label of the credential source that failed, e.g. `env: AWS_PROFILE (dev)`. */
  source?: string;
  /** Name of the AWS SDK error this was built from, when there was one. */
  sdkErrorName?: string;
  /** The underlying reason in a few words (the SDK's message, redacted), without the source label. */
  detail?: string;
}

/**
 * A credential problem a user can act on. The message says what went wrong, `hint` how to fix it.
 * Neither ever contains a secret: SDK messages are redacted before they are quoted.
 */
export class CredentialsError extends Error {
  readonly code: CredentialsErrorCode;
  readonly hint: string;
  readonly source: string | undefined;
  readonly sdkErrorName: string | undefined;
  readonly detail: string | undefined;
  readonly [MARKER] = true;

  constructor(code: CredentialsErrorCode, message: string, options: CredentialsErrorOptions) {
    super(redactSecrets(message));
    this.name = 'CredentialsError';
    this.code = code;
    this.hint = redactSecrets(options.hint);
    this.source = options.source;
    this.sdkErrorName = options.sdkErrorName;
    this.detail = options.detail === undefined ? undefined : redactSecrets(options.detail);
  }

  /** Works across duplicate copies of this package, unlike `instanceof`. */
  static isInstance(value: unknown): value is CredentialsError {
    return isOutcropError(value, 'CredentialsError');
  }
}

interface SdkErrorLike {
  name?: string;
  message?: string;
  Code?: string;
}

function describe(error: unknown): SdkErrorLike {
  return typeof error === 'object' && error !== null ? (error as SdkErrorLike) : { message: String(error) };
}

const EXPIRED = /expired|ExpiredToken|RequestExpired|token has expired/i;
const SSO = /\bSSO\b|sso_session|sso_start_url|IAM Identity Center/i;
const PROFILE_MISSING =
  /Profile .* (?:could not be found|not found)|Could not resolve credentials using profile/i;

/**
 * Builds a typed error from an error thrown by an AWS SDK credential provider. The SDK only has one class
 * (CredentialsProviderError), so the cause is told apart by name and message; the SDK message is quoted redacted.
 */
export function credentialsErrorFromSdk(
  error: unknown,
  context: { source: string; profile?: string },
): CredentialsError {
  if (CredentialsError.isInstance(error)) return error;
  const { name, Code } = describe(error);
  const message = safeUpstreamMessage(describe(error).message ?? '').replace(/\s+/g, ' ');
  const sdkName = name ?? Code;
  const quoted = message ? `: ${message}` : '';
  const detail = message ? { detail: message } : {};
  const loginCommand = context.profile ? `aws sso login --profile ${context.profile}` : 'aws sso login';
  if (SSO.test(message) && EXPIRED.test(message)) {
    return new CredentialsError(
      'sso_session_expired',
      `The SSO session for ${context.source} has expired${quoted}`,
      {
        hint: `Run \`${loginCommand}\` and try again.`,
        source: context.source,
        sdkErrorName: sdkName,
        ...detail,
      },
    );
  }
  if (EXPIRED.test(`${sdkName ?? ''} ${message}`)) {
    return new CredentialsError(
      'expired_credentials',
      `The credentials from ${context.source} have expired${quoted}`,
      {
        hint: 'Refresh the credentials (new session token, `aws sso login`, or rotate the key) and try again.',
        source: context.source,
        sdkErrorName: sdkName,
        ...detail,
      },
    );
  }
  if (PROFILE_MISSING.test(message) && context.profile) {
    return profileNotFound(context.profile, context.source, undefined, sdkName);
  }
  return new CredentialsError(
    'no_credentials',
    `Could not load credentials from ${context.source}${quoted}`,
    {
      hint: 'Check that source is configured correctly (`aws configure list` shows what the AWS CLI sees).',
      source: context.source,
      sdkErrorName: sdkName,
      ...detail,
    },
  );
}

export function profileNotFound(
  profile: string,
  source: string,
  known: string[] | undefined,
  sdkErrorName?: string,
): CredentialsError {
  const knownText =
    known === undefined
      ? ''
      : known.length > 0
        ? ` Profiles found: ${known.join(', ')}.`
        : ' No profiles were found.';
  return new CredentialsError(
    'profile_not_found',
    `AWS profile "${profile}" (from ${source}) is not in ~/.aws/config or ~/.aws/credentials.${knownText}`,
    {
      hint: `Create it with \`aws configure --profile ${profile}\` (or \`aws configure sso --profile ${profile}\`), or set AWS_PROFILE to an existing profile.`,
      source,
      ...(sdkErrorName ? { sdkErrorName } : {}),
    },
  );
}
