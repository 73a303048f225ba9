import { ERROR_CODES, ProviderError } from '@outcrop/provider';
import { describe, expect, it } from 'vitest';
import { describeError, errorClassFor, GatewayError } from './errors.js';

describe('the error table', () => {
  it('answers every provider code with the provider table status', () => {
    for (const [code, { httpStatus }] of Object.entries(ERROR_CODES)) {
      expect(errorClassFor(code).status).toBe(httpStatus);
    }
  });

  it('gives OpenAI error types clients branch on', () => {
    expect(errorClassFor('throttled')).toEqual({ status: 429, type: 'rate_limit_error' });
    expect(errorClassFor('concurrency_limit')).toEqual({ status: 429, type: 'rate_limit_error' });
    expect(errorClassFor('validation').type).toBe('invalid_request_error');
    expect(errorClassFor('access_denied')).toEqual({ status: 403, type: 'permission_error' });
    expect(errorClassFor('invalid_api_key')).toEqual({ status: 401, type: 'authentication_error' });
    expect(errorClassFor('unknown_model')).toEqual({ status: 404, type: 'not_found_error' });
    expect(errorClassFor('no-such-code')).toEqual({ status: 500, type: 'server_error' });
  });

  it('keeps the message of known errors and hides unknown ones', () => {
    expect(describeError(new ProviderError('throttled', 'Rate exceeded'))).toEqual({
      code: 'throttled',
      message: 'Rate exceeded',
      param: null,
    });
    expect(describeError(new GatewayError('invalid_request', 'bad', { param: 'model' })).param).toBe('model');
    const hidden = describeError(new Error('ECONNREFUSED 10.1.2.3 secret-ish detail'));
    expect(hidden.code).toBe('internal');
    expect(hidden.message).not.toContain('10.1.2.3');
    const wrapped = describeError(new ProviderError('internal', 'TypeError at /srv/app/x.js:12'));
    expect(wrapped.message).not.toContain('/srv/app');
    expect(describeError({ code: 'internal', message: 'ENOENT /root/.aws/config' }).message).not.toContain(
      '/root',
    );
  });
});
