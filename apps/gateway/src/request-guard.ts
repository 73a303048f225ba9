import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { GatewayError } from './errors.js';

export interface RequestGuardOptions {
  /** The address the gateway listens on: clients may name it in `Host`. */
  bindHost: string;
  /** `gateway.allowedHosts`: more names clients may use. */
  allowedHosts: readonly string[];
  /** `gateway.cors.allowedOrigins`: browser origins that may call the gateway. */
  allowedOrigins: readonly string[];
}

/** Headers a browser page may read from a reply (request ids, retry hints, warnings). */
const EXPOSED = 'x-request-id, x-outcrop-upstream, x-outcrop-target, x-outcrop-warnings, retry-after';
const DEFAULT_ALLOWED_HEADERS = 'authorization, content-type, x-request-id';
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;

/**
 * Keeps web pages the user opens from using a local gateway. `Host` must be a name the gateway serves, so a
 * DNS-rebinding page (its own name now pointing at 127.0.0.1) gets 421; a request carrying a browser `Origin`
 * is refused (403) unless that origin is configured, and allowed origins get CORS headers and preflights.
 */
export class RequestGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;

  constructor(options: RequestGuardOptions) {
    this.hosts = new Set([options.bindHost, ...options.allowedHosts].map(normalizeHost));
    this.origins = new Set(options.allowedOrigins.map((origin) => origin.toLowerCase()));
  }

  /** Checks Host and Origin; returns the CORS headers every reply to this request should carry. */
  check(req: IncomingMessage): Record<string, string> {
    const host = req.headers.host;
    if (host !== undefined && !this.servesHost(host)) {
      throw new GatewayError(
        'misdirected_request',
        'This gateway does not serve that Host name. Use localhost or its address, or add the name to ' +
          'gateway.allowedHosts.',
      );
    }
    const origin = req.headers.origin;
    if (origin === undefined) return {};
    // The gateway's own pages (the console) are same-origin: Host passed the check above, so a page whose
    // origin is that same host is one this gateway served, never a rebinding or foreign page.
    if (host !== undefined && origin.toLowerCase() === `http://${host.toLowerCase()}`) return {};
    if (!this.origins.has(origin.toLowerCase())) {
      throw new GatewayError(
        'origin_not_allowed',
        'Requests from web pages are refused unless their origin is listed in gateway.cors.allowedOrigins.',
      );
    }
    return {
      'access-control-allow-origin': origin,
      'access-control-expose-headers': EXPOSED,
      vary: 'Origin',
    };
  }

  /** Answers a CORS preflight from an origin `check` allowed. */
  preflight(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, allow: string): void {
    const requested = req.headers['access-control-request-headers'];
    // The origin is trusted: let its page send the headers its SDK adds (the OpenAI SDK sends x-stainless-*).
    const allowHeaders =
      requested !== undefined && HEADER_LIST.test(requested.trim())
        ? requested.trim()
        : DEFAULT_ALLOWED_HEADERS;
    res.writeHead(204, {
      ...headers,
      'access-control-allow-methods': `${allow}, OPTIONS`,
      'access-control-allow-headers': allowHeaders,
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
      'content-length': '0',
    });
    res.end();
  }

  private servesHost(header: string): boolean {
    const name = normalizeHost(hostWithoutPort(header));
    // A rebinding page needs a DNS name it controls; an IP literal or a *.localhost name is never one.
    if (isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost')) return true;
    return this.hosts.has(name);
  }
}

/** `[::1]:4141` -> `[::1]`, `example.com:4141` -> `example.com`; the port is the listener's business. */
function hostWithoutPort(header: string): string {
  const value = header.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end === -1 ? value : value.slice(0, end + 1);
  }
  const colon = value.lastIndexOf(':');
  return colon === -1 || value.indexOf(':') !== colon ? value : value.slice(0, colon);
}

/** Lower case, no brackets around an IPv6 address, no trailing dot of a fully qualified name. */
function normalizeHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}
