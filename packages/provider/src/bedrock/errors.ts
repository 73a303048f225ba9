// Errors from converse-stream, credentials and the SDK -> ProviderError, keeping code, retryability and
// request id. converse-stream's codes are a subset of the contract's table; credential codes mean 401.
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
  location?: { path?: unknown; message?: unknown; block?: unknown };
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
    const hint = typeof coded.hint === 'string' && !message.includes(coded.hint) ? ` ${coded.hint}` : '';
    return new ProviderError('authentication', `${message}${hint}`, { ...base, upstreamName: coded.code });
  }
  if (isProviderErrorCode(coded.code)) {
    const location = locationOf(coded);
    return new ProviderError(coded.code, message, {
      ...base,
      ...(typeof coded.retryable === 'boolean' ? { retryable: coded.retryable } : {}),
      ...(location ? { location } : {}),
    });
  }
  return new ProviderError('internal', message, base);
}

function locationOf(coded: CodedError): string | undefined {
  const where = coded.location;
  if (typeof where?.path === 'string') return where.path;
  if (typeof where?.message === 'number') {
    return `messages.${where.message}${typeof where.block === 'number' ? `.content.${where.block}` : ''}`;
  }
  return typeof coded.rule === 'string' ? coded.rule : undefined;
}
