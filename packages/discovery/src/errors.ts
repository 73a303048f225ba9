import { isOutcropError, OUTCROP_ERROR as MARKER, safeUpstreamMessage } from '@outcrop/credentials';

export type DiscoveryErrorCode = 'access_denied' | 'throttled' | 'network' | 'invalid_response';
export type DiscoveryOperation =
  | 'ListFoundationModels'
  | 'ListInferenceProfiles'
  | 'GetInferenceProfile'
  | 'GetPromptRouter';
export type ListingAction =
  | 'bedrock:ListFoundationModels'
  | 'bedrock:ListInferenceProfiles'
  | 'bedrock:GetInferenceProfile'
  | 'bedrock:GetPromptRouter';

export interface DiscoveryErrorOptions {
  operation?: DiscoveryOperation;
  missingAction?: ListingAction;
  httpStatus?: number;
  requestId?: string;
  awsName?: string;
  retryable?: boolean;
  cause?: unknown;
}

/** A discovery failure with a stable `code`; `missingAction` names the IAM action to grant. */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
  readonly code: DiscoveryErrorCode;
  readonly operation?: DiscoveryOperation;
  readonly missingAction?: ListingAction;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly awsName?: string;
  readonly retryable: boolean;
  readonly [MARKER] = true;

  constructor(code: DiscoveryErrorCode, message: string, options: DiscoveryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.operation = options.operation;
    this.missingAction = options.missingAction;
    this.httpStatus = options.httpStatus;
    this.requestId = options.requestId;
    this.awsName = options.awsName;
    this.retryable = options.retryable ?? (code === 'throttled' || code === 'network');
  }

  /** True for a DiscoveryError from any copy of this package. */
  static isInstance(value: unknown): value is DiscoveryError {
    return isOutcropError(value, 'DiscoveryError');
  }

  /** A plain object for logs and JSON output (the cause is summarised, never dumped). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      operation: this.operation,
      missingAction: this.missingAction,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      awsName: this.awsName,
      retryable: this.retryable,
    };
  }
}

const ACTION_OF: Record<DiscoveryOperation, ListingAction> = {
  ListFoundationModels: 'bedrock:ListFoundationModels',
  ListInferenceProfiles: 'bedrock:ListInferenceProfiles',
  GetInferenceProfile: 'bedrock:GetInferenceProfile',
  GetPromptRouter: 'bedrock:GetPromptRouter',
};

const WHAT: Record<DiscoveryOperation, string> = {
  ListFoundationModels: 'Listing Bedrock foundation models',
  ListInferenceProfiles: 'Listing Bedrock inference profiles',
  GetInferenceProfile: 'Reading a Bedrock inference profile',
  GetPromptRouter: 'Reading a Bedrock prompt router',
};

interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceQuotaExceededException',
]);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
]);

/**
 * The part of an upstream message safe to repeat: AWS signature errors go on to print the canonical
 * request, whose signed headers can include a session token: only the first line is kept, cut and masked.
 */
export function quotable(message: string): string {
  const cut = safeUpstreamMessage(message.split(/\r?\n/, 1)[0] ?? '');
  return cut.length > 300 ? `${cut.slice(0, 300)}…` : cut;
}

/** Maps an AWS SDK (or network) failure of a listing call to a DiscoveryError that says what to do. */
export function toDiscoveryError(
  error: unknown,
  operation: DiscoveryOperation,
  region: string,
): DiscoveryError {
  if (DiscoveryError.isInstance(error)) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorLike;
  const awsName = typeof e.name === 'string' ? e.name : undefined;
  const awsMessage = quotable(typeof e.message === 'string' ? e.message : String(error));
  const httpStatus = e.$metadata?.httpStatusCode;
  const requestId = e.$metadata?.requestId;
  const base = { operation, httpStatus, requestId, awsName, cause: error };
  const what = `${WHAT[operation]} in ${region}`;

  if ((awsName && DENIED.has(awsName)) || httpStatus === 403) {
    if (awsName && BAD_CREDENTIALS.has(awsName)) return rejectedCredentials(what, awsName, awsMessage, base);
    const action = ACTION_OF[operation];
    return new DiscoveryError(
      'access_denied',
      `${what} was denied: the credentials lack the IAM permission ${action}. ` +
        `Grant "${action}" on "*" to this identity (AWS said: ${awsMessage}).`,
      { ...base, missingAction: action, retryable: false },
    );
  }
  if (awsName === 'CredentialsError' || awsName === 'CredentialsProviderError') {
    const hint = typeof (e as { hint?: unknown }).hint === 'string' ? ` ${(e as { hint: string }).hint}` : '';
    return new DiscoveryError('access_denied', `${what} needs AWS credentials: ${awsMessage}${hint}`, {
      ...base,
      retryable: false,
    });
  }
  if (awsName && BAD_CREDENTIALS.has(awsName)) return rejectedCredentials(what, awsName, awsMessage, base);
  if ((awsName && THROTTLING.has(awsName)) || httpStatus === 429) {
    return new DiscoveryError('throttled', `${what} was throttled by AWS (${awsName ?? httpStatus}).`, base);
  }
  if (httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500) {
    return new DiscoveryError(
      'invalid_response',
      `${what} was rejected: ${awsName ?? httpStatus}: ${awsMessage}`,
      {
        ...base,
        retryable: false,
      },
    );
  }
  if (httpStatus !== undefined && httpStatus >= 500) {
    return new DiscoveryError('network', `${what} failed on the AWS side (${awsName ?? httpStatus}).`, base);
  }
  if (awsName === 'SyntaxError' || awsName === 'SerializationException' || awsName === 'ZodError') {
    return new DiscoveryError('invalid_response', `${what} returned a malformed response: ${awsMessage}`, {
      ...base,
      retryable: false,
    });
  }
  return new DiscoveryError('network', `${what} could not reach Bedrock: ${awsMessage}`, base);
}

function rejectedCredentials(
  what: string,
  awsName: string,
  awsMessage: string,
  options: DiscoveryErrorOptions,
): DiscoveryError {
  return new DiscoveryError(
    'access_denied',
    `${what} failed: the credentials were rejected (${awsName}: ${awsMessage})`,
    {
      ...options,
      retryable: false,
    },
  );
}
