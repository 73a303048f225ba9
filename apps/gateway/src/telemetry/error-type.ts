import { GatewayError } from '../errors.js';

/**
 * `error.type` of a failed request: the gateway's or the provider's stable error code (low cardinality, listed in
 * the README's error table), else `_OTHER` as the conventions ask. Never the message: it may quote the request.
 */
export function errorTypeOf(failure: unknown): string {
  if (failure instanceof GatewayError) return failure.code;
  const code = (failure as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(code) ? code : '_OTHER';
}

/** A failure the gateway or its upstream owns (span status ERROR); a caller's own 4xx is not one. */
export function isServerFailure(status: number): boolean {
  return status >= 500;
}
