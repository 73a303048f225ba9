import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BearerAuth } from './auth.js';
import { GatewayError } from './errors.js';

const request = (authorization?: string) =>
  ({ headers: authorization === undefined ? {} : { authorization } }) as IncomingMessage;

function denial(auth: BearerAuth, header?: string): GatewayError {
  try {
    auth.authorize(request(header));
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a denial');
}

describe('BearerAuth', () => {
  const auth = new BearerAuth(['first-secret', 'second-secret']);

  it('accepts each configured token and names the caller without the secret, whatever the order', () => {
    const first = auth.authorize(request('Bearer first-secret')).key;
    const second = auth.authorize(request('bearer second-secret')).key;
    expect(first).toMatch(/^token:[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('first-secret');
    expect(
      new BearerAuth(['second-secret', 'first-secret']).authorize(request('Bearer first-secret')).key,
    ).toBe(first);
  });

  it('rejects a missing, malformed, wrong or prefix token with 401 and WWW-Authenticate', () => {
    for (const header of [undefined, 'Basic abc', 'Bearer', 'Bearer first', 'Bearer first-secretX']) {
      const err = denial(auth, header);
      expect(err.status).toBe(401);
      expect(err.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(err.message).not.toContain('secret');
    }
  });

  it('lets everyone in when no tokens are configured', () => {
    const open = new BearerAuth([]);
    expect(open.enabled).toBe(false);
    expect(open.authorize(request())).toEqual({ key: 'anonymous' });
  });

  it('with allowAnonymous, admits a request with no key but still refuses a wrong one', () => {
    const auth = new BearerAuth(['first-secret'], true);
    expect(auth.authorize(request())).toEqual({ key: 'anonymous' });
    expect(() => auth.authorize(request('Bearer wrong'))).toThrow(/Invalid bearer token/);
    expect(auth.authorize(request('Bearer first-secret')).key).toMatch(/^token:/);
  });
});
