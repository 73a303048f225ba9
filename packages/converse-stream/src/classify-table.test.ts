// Each classification path on its own, so no other path can mask a mistake in it: names arrive with no HTTP
// status (as in-stream exception frames do), statuses with an unknown name, network faults with no response.
// Names and statuses: ConverseStream's errors in the Bedrock API reference
// (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_Errors)
// and the common errors of every AWS API (https://docs.aws.amazon.com/bedrock/latest/APIReference/CommonErrors.html).
import { describe, expect, it } from 'vitest';
import { classifyError } from './classify.js';

function named(name: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error('it happened'), { name, $metadata: { httpStatusCode: 200 }, ...extra });
}

describe('classifyError by AWS error name alone', () => {
  it.each([
    ['ThrottlingException', 'throttled', true],
    ['TooManyRequestsException', 'throttled', true],
    ['ServiceQuotaExceededException', 'throttled', false],
    ['ValidationException', 'validation', false],
    ['ConflictException', 'validation', false],
    ['AccessDeniedException', 'access_denied', false],
    ['ResourceNotFoundException', 'not_found', false],
    ['ModelNotReadyException', 'model_not_ready', true],
    ['ModelTimeoutException', 'model_timeout', true],
    ['ModelErrorException', 'model_error', false],
    ['ModelStreamErrorException', 'model_error', false],
    ['InternalServerException', 'internal', true],
    ['ServiceUnavailableException', 'service_unavailable', true],
    ['UnrecognizedClientException', 'authentication', false],
    ['InvalidSignatureException', 'authentication', false],
    ['IncompleteSignatureException', 'authentication', false],
    ['MissingAuthenticationTokenException', 'authentication', false],
    ['ExpiredTokenException', 'authentication', false],
    ['ExpiredTokenExceptionException', 'authentication', false],
  ])('%s is %s (retryable %s) and reads as a Bedrock error', (name, code, retryable) => {
    const error = classifyError(named(name));
    expect(error).toMatchObject({ code, retryable, awsName: name, awsMessage: 'it happened' });
    expect(error.httpStatus).toBeUndefined();
    expect(error.message).toBe(`Bedrock ${name}: it happened`);
  });

  it.each(['CredentialsProviderError', 'CredentialsError', 'TokenProviderError'])(
    '%s is a local authentication failure, not a Bedrock answer',
    (name) => {
      const error = classifyError(Object.assign(new Error('no keys'), { name }));
      expect(error).toMatchObject({ code: 'authentication', retryable: false, message: `${name}: no keys` });
      expect(error.awsName).toBeUndefined();
    },
  );
});

describe('classifyError by HTTP status, for a name it does not know', () => {
  it.each([
    [429, 'throttled', true],
    [401, 'authentication', false],
    [403, 'access_denied', false],
    [404, 'not_found', false],
    [408, 'model_timeout', true],
    [424, 'model_error', false],
    [503, 'service_unavailable', true],
    [500, 'internal', true],
    [502, 'internal', true],
    [504, 'internal', true],
    [400, 'validation', false],
    [418, 'validation', false],
  ])('HTTP %i is %s (retryable %s)', (status, code, retryable) => {
    const error = classifyError(
      Object.assign(new Error('odd'), { name: 'SomethingNew', $metadata: { httpStatusCode: status } }),
    );
    expect(error).toMatchObject({ code, retryable, httpStatus: status, awsName: 'SomethingNew' });
    expect(error.message).toBe(`Bedrock SomethingNew (HTTP ${status}): odd`);
  });

  it('an unknown error with no status at all is internal and not retried', () => {
    expect(classifyError(new Error('odd'))).toMatchObject({
      code: 'internal',
      retryable: false,
      message: 'Error: odd',
    });
    expect(classifyError('a string')).toMatchObject({ code: 'internal', message: 'Error: a string' });
  });
});

describe('classifyError for faults below HTTP', () => {
  it.each([
    'ECONNRESET',
    'ECONNREFUSED',
    'EPIPE',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'ERR_HTTP2_STREAM_ERROR',
    'ERR_HTTP2_STREAM_CANCEL',
    'ERR_HTTP2_SESSION_ERROR',
    'ERR_HTTP2_GOAWAY_SESSION',
    'ERR_HTTP2_INVALID_SESSION',
    'ERR_HTTP2_ERROR',
  ])('%s is a retryable service_unavailable, not a Bedrock answer', (code) => {
    const error = classifyError(Object.assign(new Error('net down'), { code }));
    expect(error).toMatchObject({ code: 'service_unavailable', retryable: true, message: 'Error: net down' });
    expect(error.awsName).toBeUndefined();
  });

  it('an SDK TimeoutError and a hung-up socket are retryable service_unavailable', () => {
    expect(classifyError(Object.assign(new Error('took too long'), { name: 'TimeoutError' }))).toMatchObject({
      code: 'service_unavailable',
      retryable: true,
    });
    expect(classifyError(new Error('socket hang up'))).toMatchObject({
      code: 'service_unavailable',
      retryable: true,
    });
    // An unknown node code is not a network fault by itself.
    expect(classifyError(Object.assign(new Error('x'), { code: 'EWHATEVER' }))).toMatchObject({
      code: 'internal',
      retryable: false,
    });
  });
});

describe('classifyError adjustments', () => {
  it.each([
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [499, false],
  ])('a model error whose model answered %i is retryable: %s', (originalStatusCode, retryable) => {
    expect(classifyError(named('ModelErrorException', { originalStatusCode }))).toMatchObject({
      code: 'model_error',
      retryable,
    });
  });

  it('the SDK marking an error retryable wins over the table', () => {
    expect(classifyError(named('ValidationException', { $retryable: {} }))).toMatchObject({
      code: 'validation',
      retryable: true,
    });
    expect(classifyError(named('ValidationException', { $retryable: true }))).toMatchObject({
      retryable: false,
    });
  });

  it('takes the request id from the context, then the metadata, then either response header', () => {
    const withMeta = Object.assign(new Error('x'), {
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 429, requestId: 'meta-1' },
    });
    expect(classifyError(withMeta).requestId).toBe('meta-1');
    expect(classifyError(withMeta, { requestId: 'ctx-1', attempts: 3 })).toMatchObject({
      requestId: 'ctx-1',
      attempts: 3,
    });
    const header = (headers: Record<string, string>) =>
      classifyError(Object.assign(new Error('x'), { name: 'ThrottlingException', $response: { headers } }))
        .requestId;
    expect(header({ 'x-amzn-requestid': 'h-1' })).toBe('h-1');
    expect(header({ 'x-amzn-request-id': 'h-2' })).toBe('h-2');
    expect(header({})).toBeUndefined();
    expect(classifyError(withMeta).attempts).toBe(0);
  });
});
