import { describe, expect, it } from 'vitest';
import { ERROR_CODES, httpStatusForErrorCode } from './error-codes.js';
import { callFailure, ProviderError, toProviderError, UnknownModelError } from './errors.js';

describe('ProviderError', () => {
  it('carries code, retryability and the status from the one table', () => {
    const error = new ProviderError('throttled', 'slow down', {
      requestId: 'r-1',
      upstreamName: 'ThrottlingException',
    });
    expect(error).toMatchObject({ code: 'throttled', retryable: true, httpStatus: 429, requestId: 'r-1' });
    expect(error).toBeInstanceOf(Error);
    expect(new ProviderError('throttled', 'x', { retryable: false }).retryable).toBe(false);
  });

  it('isInstance recognises the marker on objects from another copy of the package', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('outcrop.error.provider')]: true,
      code: 'internal',
    });
    expect(ProviderError.isInstance(foreign)).toBe(true);
    const otherOutcropError = Object.assign(new Error('x'), {
      [Symbol.for('outcrop.error')]: true,
      code: 'timeout',
    });
    expect(ProviderError.isInstance(otherOutcropError)).toBe(false);
    expect(ProviderError.isOutcropError(otherOutcropError)).toBe(true);
    expect(ProviderError.isOutcropError(new ProviderError('internal', 'x'))).toBe(true);
    expect(ProviderError.isInstance(new Error('plain'))).toBe(false);
    expect(ProviderError.isInstance(null)).toBe(false);
  });

  it('UnknownModelError lists the closest matches and is a ProviderError', () => {
    const error = new UnknownModelError('amazon-bedrock/claud', ['amazon-bedrock/claude']);
    expect(error.message).toContain('amazon-bedrock/claude');
    expect(error.httpStatus).toBe(404);
    expect(UnknownModelError.isInstance(error)).toBe(true);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(UnknownModelError.isInstance(new ProviderError('not_found', 'x'))).toBe(false);
  });

  it('toProviderError keeps typed errors and wraps the rest', () => {
    const typed = new ProviderError('validation', 'bad');
    expect(toProviderError(typed)).toBe(typed);
    const wrapped = toProviderError(new TypeError('boom'));
    expect(wrapped).toMatchObject({ code: 'internal', message: 'boom' });
    expect(wrapped.cause).toBeInstanceOf(TypeError);
    expect(toProviderError(Object.assign(new Error('stop'), { name: 'AbortError' })).code).toBe('aborted');
  });
});

describe('httpStatusForErrorCode', () => {
  it('maps every code, and unknown codes to 500', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES))
      expect(httpStatusForErrorCode(code)).toBe(entry.httpStatus);
    expect(httpStatusForErrorCode('validation')).toBe(400);
    expect(httpStatusForErrorCode('aborted')).toBe(499);
    expect(httpStatusForErrorCode('nope')).toBe(500);
  });
});

describe('callFailure', () => {
  it('is aborted (with the cause) once the signal fired, else the error as toProviderError makes it', () => {
    const controller = new AbortController();
    const cause = new Error('socket hang up');
    expect(callFailure(cause, controller.signal)).toMatchObject({
      code: 'internal',
      message: 'socket hang up',
    });
    expect(callFailure(cause, undefined).code).toBe('internal');
    const typed = new ProviderError('throttled', 'slow down');
    expect(callFailure(typed, controller.signal)).toBe(typed);
    controller.abort();
    const aborted = callFailure(cause, controller.signal);
    expect(aborted).toMatchObject({ code: 'aborted', message: 'The request was aborted.' });
    expect(aborted.cause).toBe(cause);
  });
});
