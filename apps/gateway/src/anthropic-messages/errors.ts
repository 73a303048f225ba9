import { errorClassFor } from '../errors.js';

/** Anthropic's error types (https://docs.anthropic.com/en/api/errors), chosen by the HTTP status. */
function anthropicType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 503 || status === 529) return 'overloaded_error';
  if (status === 504) return 'timeout_error';
  if (status >= 400 && status < 499) return 'invalid_request_error';
  return 'api_error';
}

/** `{ type: 'error', error: { type, message } }`, the body Anthropic's SDKs parse; messages name the field. */
export function anthropicErrorBody(code: string, message: string, _param: string | null = null) {
  return { type: 'error', error: { type: anthropicType(errorClassFor(code).status), message } };
}
