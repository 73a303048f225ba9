import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GatewayError } from './errors.js';

/** The caller an authorized request belongs to: a stable, non-secret key for limits and logs. */
export interface Caller {
  key: string;
}

export const ANONYMOUS: Caller = { key: 'anonymous' };

/** The key a request presents: `Authorization: Bearer <key>`, else `x-api-key` (Anthropic's SDKs); undefined when none. */
export function presentedKey(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  // A bearer token wins when both come.
  const apiKey = req.headers['x-api-key'];
  return match?.[1] ?? (typeof apiKey === 'string' && apiKey.trim() !== '' ? apiKey.trim() : undefined);
}

export const missingKey = (message: string) =>
  new GatewayError('invalid_api_key', message, { headers: { 'www-authenticate': 'Bearer' } });

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Checks `Authorization: Bearer <token>` (or `x-api-key: <token>`) against the configured tokens. Comparing SHA-256 digests with
 * `timingSafeEqual` gives equal-length inputs, and every token is compared, so timing reveals neither a token's
 * length nor which one nearly matched. With no tokens configured every caller is anonymous (loopback only).
 */
export class BearerAuth {
  private readonly tokens: { digest: Buffer; key: string }[];

  constructor(
    tokens: readonly string[],
    /** `gateway.auth.allowAnonymous`: a request with no key at all passes as anonymous even with tokens set. */
    readonly allowAnonymous = false,
  ) {
    // The key names a token without revealing it, and stays the same when a reload reorders the list.
    this.tokens = tokens.map((token) => {
      const d = digest(token);
      return { digest: d, key: `token:${d.toString('hex').slice(0, 12)}` };
    });
  }

  get enabled(): boolean {
    return this.tokens.length > 0;
  }

  authorize(req: IncomingMessage): Caller {
    if (!this.enabled) return ANONYMOUS;
    const token = presentedKey(req);
    if (token === undefined) {
      if (this.allowAnonymous) return ANONYMOUS;
      throw missingKey('Missing API key: send Authorization: Bearer <token> or x-api-key: <token>.');
    }
    const presented = digest(token);
    let found: Caller | undefined;
    for (const token of this.tokens) {
      if (timingSafeEqual(presented, token.digest) && found === undefined) found = { key: token.key };
    }
    if (!found) {
      throw new GatewayError('invalid_api_key', 'Invalid bearer token.', {
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      });
    }
    return found;
  }
}
