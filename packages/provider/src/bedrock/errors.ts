// Errors from converse-stream, credentials and the SDK -> ProviderError, keeping code, retryability,
// status and request id. converse-stream's codes are a subset of the contract's table.
import { isProviderErrorCode } from '../error-codes.js';
import { ProviderError } from '../errors.js';

interface CodedError {
  code?: unknown;
  retryable?: unknown;
  requestId?: unknown;
  awsName?: unknown;
  name?: unknown;
  message?: unknown;
  rule?: unknown;
  hint?: unknown;
}

const CREDENTIAL_CODES = new Set([
  'no_credentials',
  'expired_credentials',
  'profile_not_found',
  'sso_session_expired',
]);

export function toProviderErrorFromBedrock(error: unknown, signal?: AbortSignal): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const coded = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  const message = typeof coded.message === 'string' ? coded.message : String(error);
  const requestId = typeof coded.requestId === 'string' ? coded.requestId : undefined;
  const upstreamName = typeof coded.awsName === 'string' ? coded.awsName : undefined;
  const base = {
    cause: error,
    ...(requestId ? { requestId } : {}),
    ...(upstreamName ? { upstreamName } : {}),
  };
  if (signal?.aborted || coded.code === 'aborted' || coded.name === 'AbortError') {
    return new ProviderError('aborted', 'The request was aborted.', base);
  }
  if (typeof coded.code === 'string' && CREDENTIAL_CODES.has(coded.code)) {
    const hint = typeof coded.hint === 'string' ? ` ${coded.hint}` : '';
    return new ProviderError('authentication', `${message}${hint}`, { ...base, upstreamName: coded.code });
  }
  if (isProviderErrorCode(coded.code)) {
    return new ProviderError(coded.code, message, {
      ...base,
      ...(typeof coded.retryable === 'boolean' ? { retryable: coded.retryable } : {}),
      ...(typeof coded.rule === 'string' ? { location: coded.rule } : {}),
    });
  }
  return new ProviderError('internal', message, base);
}
