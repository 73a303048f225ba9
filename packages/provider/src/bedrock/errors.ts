// Errors from converse-stream, credentials and the SDK -> ProviderError, keeping code, retryability and
// request id. converse-stream's codes are a subset of the contract's table; credential codes mean 401.
import { isProviderErrorCode } from '../error-codes.js';
import { ProviderError } from '../errors.js';

interface CodedError {
  code?: unknown;
  retryable?: unknown;
  requestId?: unknown;
  awsName?: unknown;
  awsMessage?: unknown;
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
  // converse-stream's message reads "Bedrock <Name> (HTTP n): <text>"; its bare text travels beside the name.
  const upstreamMessage = typeof coded.awsMessage === 'string' ? coded.awsMessage : undefined;
  const base = {
    cause: error,
    ...(requestId ? { requestId } : {}),
    ...(upstreamName ? { upstreamName, ...(upstreamMessage !== undefined ? { upstreamMessage } : {}) } : {}),
  };
  if (signal?.aborted || coded.code === 'aborted' || coded.name === 'AbortError') {
    return new ProviderError('aborted', 'The request was aborted.', base);
  }
  const credentials = credentialsCause(error);
  if (credentials) {
    const hint =
      typeof credentials.hint === 'string' && !String(credentials.message).includes(credentials.hint);
    const text = `${String(credentials.message)}${hint ? ` ${credentials.hint}` : ''}`;
    return new ProviderError('authentication', text, {
      ...base,
      upstreamName: String(credentials.code),
      upstreamMessage: text,
    });
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

/** A credentials failure, possibly wrapped by converse-stream (it keeps the original as `cause`). */
function credentialsCause(error: unknown): CodedError | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const coded = e as CodedError & { cause?: unknown };
    if (typeof coded.code === 'string' && CREDENTIAL_CODES.has(coded.code)) return coded;
    e = coded.cause;
  }
  return undefined;
}

function locationOf(coded: CodedError): string | undefined {
  const where = coded.location;
  if (typeof where?.path === 'string') return where.path;
  if (typeof where?.message === 'number') {
    return `messages.${where.message}${typeof where.block === 'number' ? `.content.${where.block}` : ''}`;
  }
  return typeof coded.rule === 'string' ? coded.rule : undefined;
}
