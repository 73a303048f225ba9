import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors.js';
import { RequestGuard } from './request-guard.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

function refusal(guard: RequestGuard, headers: Record<string, string>): string | undefined {
  try {
    guard.check(request(headers));
    return undefined;
  } catch (err) {
    return (err as GatewayError).code;
  }
}

describe('RequestGuard', () => {
  const guard = new RequestGuard({
    bindHost: '0.0.0.0',
    allowedHosts: ['Gateway.Example.com'],
    allowedOrigins: ['https://app.example.com'],
  });

  it('serves loopback names, IP literals, the bind address and configured names, with or without a port', () => {
    for (const host of [
      'localhost:4141',
      'LOCALHOST',
      'dev.localhost:1',
      '127.0.0.1:4141',
      '[::1]:4141',
      '10.1.2.3',
      '0.0.0.0:4141',
      'gateway.example.com:4141',
      'gateway.example.com.',
    ]) {
      expect(refusal(guard, { host }), host).toBeUndefined();
    }
    expect(refusal(guard, {})).toBeUndefined();
  });

  it('refuses other names (DNS rebinding) with 421', () => {
    for (const host of ['evil.example:4141', 'localhost.evil.example', 'gateway.example.com.evil', '']) {
      expect(refusal(guard, { host }), host).toBe('misdirected_request');
    }
    expect(new GatewayError('misdirected_request', '').status).toBe(421);
  });

  it('refuses a foreign or opaque Origin with 403 and returns CORS headers for an allowed one', () => {
    expect(refusal(guard, { host: 'localhost', origin: 'https://evil.example' })).toBe('origin_not_allowed');
    expect(refusal(guard, { host: 'localhost', origin: 'null' })).toBe('origin_not_allowed');
    expect(new GatewayError('origin_not_allowed', '').status).toBe(403);
    const headers = guard.check(request({ host: 'localhost', origin: 'https://app.example.com' }));
    expect(headers).toMatchObject({
      'access-control-allow-origin': 'https://app.example.com',
      vary: 'Origin',
    });
    expect(guard.check(request({ host: 'localhost' }))).toEqual({});
  });
});
