import { isIP } from 'node:net';
import { placeholderProblem } from '@outcrop/config-schema';
import { GatewayError } from './errors.js';

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || bare.startsWith('::ffff:127.');
  return false;
}

/**
 * A gateway reachable from other machines must demand a real token: without one, or with a blank or
 * placeholder-looking one (which anyone reading the docs could guess), refuse to start.
 */
export function assertSafeBind(host: string, tokens: readonly string[]): void {
  if (isLoopbackHost(host)) return;
  const bad = tokens.map((token, index) => [index, placeholderProblem(token)] as const).find(([, p]) => p);
  if (bad) {
    throw new GatewayError(
      'insecure_bind',
      `Refusing to listen on ${host}: gateway.auth.tokens[${bad[0]}] ${bad[1]}. Set a real secret, e.g. ` +
        '["$' +
        '{OUTCROP_GATEWAY_TOKEN}"] with that variable exported.',
    );
  }
  if (tokens.length > 0) return;
  throw new GatewayError(
    'insecure_bind',
    `Refusing to listen on ${host} without auth tokens: anyone who can reach it could spend your Bedrock ` +
      'quota. Set gateway.auth.tokens (e.g. ["$' +
      '{OUTCROP_GATEWAY_TOKEN}"]) or bind 127.0.0.1.',
  );
}
