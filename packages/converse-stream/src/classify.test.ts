import { describe, expect, it } from 'vitest';
import { classifyError, retryAfterMs } from './classify.js';
import { ConverseStreamError } from './errors.js';
import { StreamException } from './stream-exception.js';

function awsError(name: string, message: string, status?: number, extra: Record<string, unknown> = {}) {
  const error = Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-9' },
    ...extra,
  });
  return error;
}

describe('classifyError', () => {
  it.each([
    ['ThrottlingException', 429, 'throttled', true],
    ['ValidationException', 400, 'validation', false],
    ['AccessDeniedException', 403, 'access_denied', false],
    ['ResourceNotFoundException', 404, 'not_found', false],
    ['ModelNotReadyException', 429, 'model_not_ready', true],
    ['ModelTimeoutException', 408, 'model_timeout', true],
    ['ModelErrorException', 424, 'model_error', false],
    ['InternalServerException', 500, 'internal', true],
    ['ServiceUnavailableException', 503, 'service_unavailable', true],
    ['UnrecognizedClientException', 403, 'authentication', false],
    ['TeapotException', 418, 'validation', false],
    ['SomethingNew', 502, 'internal', true],
  ])('%s (HTTP %i) is %s', (name, status, code, retryable) => {
    const error = classifyError(awsError(name, 'msg', status));
    expect(error).toMatchObject({
      code,
      retryable,
      httpStatus: status,
      requestId: 'req-9',
      awsName: name,
      awsMessage: 'msg',
    });
    expect(error.message).toContain(name);
  });

  it.each([
    'Input is too long for requested model.',
    'prompt is too long: 210000 tokens > 200000 maximum',
    'The model returned the following errors: too many input tokens',
    "This model's maximum context length is 128000 tokens",
    'The input exceeds the maximum number of input tokens',
  ])('recognises context overflow: %s', (message) => {
    expect(classifyError(awsError('ValidationException', message, 400)).code).toBe('context_overflow');
  });

  it('classifies in-stream exception frames by name, without an HTTP status', () => {
    const frame = new StreamException({ name: 'ThrottlingException', message: 'slow', fault: 'client' });
    expect(classifyError(frame, { requestId: 'r1' })).toMatchObject({
      code: 'throttled',
      retryable: true,
      requestId: 'r1',
      httpStatus: undefined,
    });
    const model = new StreamException({
      name: 'ModelStreamErrorException',
      message: 'x',
      originalStatusCode: 503,
    });
    expect(classifyError(model)).toMatchObject({ code: 'model_error', retryable: true });
  });

  it('unwraps transport faults and network errors', () => {
    const inner = new ConverseStreamError({
      code: 'protocol',
      message: 'Corrupt event stream: message checksum mismatch',
    });
    expect(
      classifyError(
        new StreamException({ name: 'TransportError', message: inner.message, transportError: inner }),
      ).code,
    ).toBe('protocol');
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(classifyError(reset)).toMatchObject({
      code: 'service_unavailable',
      retryable: true,
      awsName: undefined,
    });
    expect(classifyError('weird')).toBeInstanceOf(ConverseStreamError);
  });

  it('reads retry hints from x-amz-retry-after (ms) and retry-after (s or date)', () => {
    const withHeaders = (headers: Record<string, string>) =>
      Object.defineProperty(new Error('x'), '$response', { value: { headers } });
    expect(retryAfterMs(withHeaders({ 'x-amz-retry-after': '1500' }))).toBe(1500);
    expect(retryAfterMs(withHeaders({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(withHeaders({ 'retry-after': new Date(10_000).toUTCString() }), 4000)).toBe(6000);
    expect(retryAfterMs(withHeaders({}))).toBeUndefined();
  });
});
