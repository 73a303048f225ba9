// One table from error code to HTTP status and default retryability (tRPC's getHTTPStatusCode is the model).
// The gateway answers with these statuses; fallbacks and retries read `retryable`.

export const ERROR_CODES = {
  validation: { httpStatus: 400, retryable: false },
  invalid_options: { httpStatus: 400, retryable: false },
  context_overflow: { httpStatus: 400, retryable: false },
  authentication: { httpStatus: 401, retryable: false },
  access_denied: { httpStatus: 403, retryable: false },
  not_found: { httpStatus: 404, retryable: false },
  unknown_model: { httpStatus: 404, retryable: false },
  no_provider: { httpStatus: 501, retryable: false },
  aborted: { httpStatus: 499, retryable: false },
  throttled: { httpStatus: 429, retryable: true },
  internal: { httpStatus: 500, retryable: true },
  model_error: { httpStatus: 502, retryable: true },
  truncated: { httpStatus: 502, retryable: true },
  protocol: { httpStatus: 502, retryable: false },
  /** The model's structured answer is not JSON or does not match the schema. */
  output_mismatch: { httpStatus: 502, retryable: true },
  model_not_ready: { httpStatus: 503, retryable: true },
  service_unavailable: { httpStatus: 503, retryable: true },
  model_timeout: { httpStatus: 504, retryable: true },
  timeout: { httpStatus: 504, retryable: true },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean }>;

export type ProviderErrorCode = keyof typeof ERROR_CODES;

export function isProviderErrorCode(code: unknown): code is ProviderErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);
}

/** The HTTP status a gateway answers with for an error code (500 for anything unknown). */
export function httpStatusForErrorCode(code: string): number {
  return isProviderErrorCode(code) ? ERROR_CODES[code].httpStatus : 500;
}
