import { httpStatusForErrorCode, isProviderErrorCode } from '@outcrop/provider';

/**
 * Error codes to HTTP statuses and OpenAI error `type`s. Provider codes take their status from the provider's one
 * table (`httpStatusForErrorCode`); the gateway adds only its own codes here, so a throttled upstream call and a
 * per-token limit both answer 429 and the two tables cannot drift.
 */

export type OpenAIErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'server_error'
  | 'timeout_error';

interface ErrorClass {
  status: number;
  type: OpenAIErrorType;
}

const ERROR_TABLE: Record<string, ErrorClass> = {
  // Gateway-side request problems.
  invalid_request: { status: 400, type: 'invalid_request_error' },
  invalid_json: { status: 400, type: 'invalid_request_error' },
  unsupported_parameter: { status: 400, type: 'invalid_request_error' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error' },
  payload_too_large: { status: 413, type: 'invalid_request_error' },
  request_timeout: { status: 408, type: 'invalid_request_error' },
  misdirected_request: { status: 421, type: 'invalid_request_error' },
  origin_not_allowed: { status: 403, type: 'permission_error' },
  model_not_found: { status: 404, type: 'not_found_error' },
  route_not_found: { status: 404, type: 'not_found_error' },
  method_not_allowed: { status: 405, type: 'invalid_request_error' },
  invalid_api_key: { status: 401, type: 'authentication_error' },
  concurrency_limit: { status: 429, type: 'rate_limit_error' },
  // Virtual keys, budgets and the admin API (teams/).
  key_malformed: { status: 401, type: 'authentication_error' },
  key_unknown: { status: 401, type: 'authentication_error' },
  key_revoked: { status: 401, type: 'authentication_error' },
  key_expired: { status: 401, type: 'authentication_error' },
  admin_unauthorized: { status: 401, type: 'authentication_error' },
  admin_forbidden: { status: 403, type: 'permission_error' },
  admin_disabled: { status: 403, type: 'permission_error' },
  model_not_allowed: { status: 403, type: 'permission_error' },
  model_not_priced: { status: 403, type: 'permission_error' },
  budget_exceeded: { status: 429, type: 'rate_limit_error' },
  rate_limit_exceeded: { status: 429, type: 'rate_limit_error' },
  budget_unavailable: { status: 503, type: 'server_error' },
  key_not_found: { status: 404, type: 'not_found_error' },
  key_name_taken: { status: 409, type: 'invalid_request_error' },
  key_invalid: { status: 400, type: 'invalid_request_error' },
  budget_invalid: { status: 400, type: 'invalid_request_error' },
  usage_query_invalid: { status: 400, type: 'invalid_request_error' },
  rate_limit: { status: 429, type: 'rate_limit_error' },
  // Redis (gateway.redis.url) did not answer: the gateway cannot count, so it does not serve.
  shared_state_unavailable: { status: 503, type: 'server_error' },
  shutting_down: { status: 503, type: 'server_error' },
  insecure_bind: { status: 500, type: 'server_error' },
  // The gateway's own AWS credentials (never 401: that status means the client's gateway key is wrong).
  no_credentials: { status: 503, type: 'server_error' },
  expired_credentials: { status: 503, type: 'server_error' },
  upstream_credentials: { status: 503, type: 'server_error' },
  // Bedrock failed on its side (InternalServerException, an error frame): named, never a 500.
  upstream_error: { status: 502, type: 'api_error' },
};

const FALLBACK: ErrorClass = { status: 500, type: 'server_error' };

/** The OpenAI error type clients expect for a status. */
function typeForStatus(status: number): OpenAIErrorType {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status === 504) return 'timeout_error';
  if (status >= 400 && status < 499) return 'invalid_request_error';
  if (status === 499 || status === 502) return 'api_error';
  return 'server_error';
}

export function errorClassFor(code: string): ErrorClass {
  const own = ERROR_TABLE[code];
  if (own) return own;
  if (isProviderErrorCode(code)) {
    const status = httpStatusForErrorCode(code);
    return { status, type: typeForStatus(status) };
  }
  return FALLBACK;
}

function isKnownCode(code: string): boolean {
  return code in ERROR_TABLE || isProviderErrorCode(code);
}

export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string };
}

/** An error the gateway answers with on purpose: it carries its code, an optional parameter and headers. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly code: string;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    message: string,
    options: { param?: string | null; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return errorClassFor(this.code).status;
  }

  toBody(): OpenAIErrorBody {
    return openAIErrorBody(this.code, this.message, this.param);
  }
}

export function openAIErrorBody(code: string, message: string, param: string | null = null): OpenAIErrorBody {
  return { error: { message, type: errorClassFor(code).type, param, code } };
}

/**
 * Turns anything thrown (a GatewayError, a provider error with a `code`, or a bug) into something the client may
 * see. Unknown errors keep their details out of the response: the log has them, the client gets a request id.
 */
export function describeError(err: unknown): { code: string; message: string; param: string | null } {
  if (err instanceof GatewayError && err.code !== 'internal') {
    return { code: err.code, message: err.message, param: err.param };
  }
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    const message = (err as { message?: unknown }).message;
    // `internal` wraps whatever failed unexpectedly upstream; its text stays in the log.
    if (typeof code === 'string' && code !== 'internal' && isKnownCode(code) && typeof message === 'string') {
      return { code, message, param: null };
    }
  }
  return { code: 'internal', message: INTERNAL_MESSAGE, param: null };
}

const INTERNAL_MESSAGE =
  'The gateway failed to handle this request; its log has the details under the x-request-id.';
