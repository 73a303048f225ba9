import { safeUpstreamMessage } from '@outcrop/credentials';
import { isContextOverflowMessage } from './context-overflow.js';
import { ConverseStreamError, type ConverseStreamErrorCode } from './errors.js';
import { StreamException } from './stream-exception.js';

interface AwsLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $fault?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $response?: { headers?: Record<string, string | undefined>; statusCode?: unknown };
  originalStatusCode?: unknown;
}

/** AWS error names, by what they mean for a caller. Unknown names fall back to the HTTP status. */
const BY_NAME: Record<string, { code: ConverseStreamErrorCode; retryable: boolean }> = {
  ThrottlingException: { code: 'throttled', retryable: true },
  TooManyRequestsException: { code: 'throttled', retryable: true },
  ServiceQuotaExceededException: { code: 'throttled', retryable: false },
  ValidationException: { code: 'validation', retryable: false },
  ConflictException: { code: 'validation', retryable: false },
  AccessDeniedException: { code: 'access_denied', retryable: false },
  ResourceNotFoundException: { code: 'not_found', retryable: false },
  ModelNotReadyException: { code: 'model_not_ready', retryable: true },
  ModelTimeoutException: { code: 'model_timeout', retryable: true },
  ModelErrorException: { code: 'model_error', retryable: false },
  ModelStreamErrorException: { code: 'model_error', retryable: false },
  InternalServerException: { code: 'internal', retryable: true },
  ServiceUnavailableException: { code: 'service_unavailable', retryable: true },
  UnrecognizedClientException: { code: 'authentication', retryable: false },
  InvalidSignatureException: { code: 'authentication', retryable: false },
  IncompleteSignatureException: { code: 'authentication', retryable: false },
  MissingAuthenticationTokenException: { code: 'authentication', retryable: false },
  ExpiredTokenException: { code: 'authentication', retryable: false },
  ExpiredTokenExceptionException: { code: 'authentication', retryable: false },
  CredentialsProviderError: { code: 'authentication', retryable: false },
  CredentialsError: { code: 'authentication', retryable: false },
  TokenProviderError: { code: 'authentication', retryable: false },
};

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_STREAM_CANCEL',
  'ERR_HTTP2_SESSION_ERROR',
  'ERR_HTTP2_GOAWAY_SESSION',
  'ERR_HTTP2_INVALID_SESSION',
  'ERR_HTTP2_ERROR',
]);

function byStatus(status: number | undefined): { code: ConverseStreamErrorCode; retryable: boolean } {
  if (status === undefined) return { code: 'internal', retryable: false };
  if (status === 429) return { code: 'throttled', retryable: true };
  if (status === 401) return { code: 'authentication', retryable: false };
  if (status === 403) return { code: 'access_denied', retryable: false };
  if (status === 404) return { code: 'not_found', retryable: false };
  if (status === 408) return { code: 'model_timeout', retryable: true };
  if (status === 424) return { code: 'model_error', retryable: false };
  if (status === 503) return { code: 'service_unavailable', retryable: true };
  if (status >= 500) return { code: 'internal', retryable: true };
  return { code: 'validation', retryable: false };
}

export function requestIdOf(error: unknown): string | undefined {
  const e = error as AwsLikeError | undefined;
  const id = e?.$metadata?.requestId;
  if (typeof id === 'string') return id;
  const headers = e?.$response?.headers;
  return headers?.['x-amzn-requestid'] ?? headers?.['x-amzn-request-id'] ?? undefined;
}

/** The server's retry hint in ms (`x-amz-retry-after` in ms, `retry-after` in s or a date). */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  const headers = (error as AwsLikeError | undefined)?.$response?.headers;
  if (!headers) return undefined;
  const amz = headers['x-amz-retry-after'];
  if (amz !== undefined && /^\d+$/.test(amz.trim())) return Number(amz.trim());
  const standard = headers['retry-after']?.trim();
  if (!standard) return undefined;
  if (/^\d+(\.\d+)?$/.test(standard)) return Math.round(Number(standard) * 1000);
  const at = Date.parse(standard);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Turns anything thrown by the SDK, the transport or the frame decoder into a typed error. */
export function classifyError(
  error: unknown,
  context: { requestId?: string; attempts?: number } = {},
): ConverseStreamError {
  if (ConverseStreamError.isInstance(error)) return error;
  if (error instanceof StreamException && error.transportError) {
    const t = error.transportError;
    return new ConverseStreamError({
      code: t.code,
      message: t.message,
      retryable: t.code === 'truncated',
      requestId: context.requestId ?? requestIdOf(error),
      attempts: context.attempts ?? 0,
      cause: t,
    });
  }
  const e = (
    typeof error === 'object' && error !== null ? error : { message: String(error) }
  ) as AwsLikeError;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  // Quoted in messages and logs: a signature error's echo of the signed request (session token included) is cut.
  const awsMessage = safeUpstreamMessage(typeof e.message === 'string' ? e.message : String(error));
  const statusRaw = e.$metadata?.httpStatusCode;
  // A frame exception arrives on a 200 response: its status says nothing about the error.
  const httpStatus = typeof statusRaw === 'number' && statusRaw !== 200 ? statusRaw : undefined;
  const requestId = context.requestId ?? requestIdOf(error);
  const nodeCode = typeof e.code === 'string' ? e.code : undefined;

  let mapped = BY_NAME[name];
  const local =
    name === 'CredentialsError' || name === 'CredentialsProviderError' || name === 'TokenProviderError';
  let isAws =
    !local && (mapped !== undefined || httpStatus !== undefined || error instanceof StreamException);
  if (!mapped && nodeCode && NETWORK_CODES.has(nodeCode)) {
    mapped = { code: 'service_unavailable', retryable: true };
    isAws = false;
  } else if (!mapped && name === 'TimeoutError') {
    mapped = { code: 'service_unavailable', retryable: true };
    isAws = false;
  } else if (
    !mapped &&
    !isAws &&
    /ERR_HTTP2|http2|socket hang up|ECONNRESET/i.test(`${nodeCode ?? ''} ${awsMessage}`)
  ) {
    mapped = { code: 'service_unavailable', retryable: true };
  }
  mapped ??= byStatus(httpStatus);
  let { code, retryable } = mapped;
  if (code === 'model_error' && typeof e.originalStatusCode === 'number') {
    retryable = e.originalStatusCode === 429 || e.originalStatusCode >= 500;
  }
  if ((code === 'validation' || code === 'model_error') && isContextOverflowMessage(awsMessage)) {
    code = 'context_overflow';
    retryable = false;
  }
  if (e.$retryable && typeof e.$retryable === 'object') retryable = true;

  const where = httpStatus ? ` (HTTP ${httpStatus})` : '';
  return new ConverseStreamError({
    code,
    message: isAws ? `Bedrock ${name}${where}: ${awsMessage}` : `${name}: ${awsMessage}`,
    retryable,
    httpStatus,
    requestId,
    awsName: isAws ? name : undefined,
    awsMessage: isAws ? awsMessage : undefined,
    attempts: context.attempts ?? 0,
    cause: error,
  });
}
