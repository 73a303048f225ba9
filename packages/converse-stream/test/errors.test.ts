import type { STREAM_EXCEPTIONS } from '@outcrop/bedrock-emulator';
import { describe, expect, it } from 'vitest';
import { converseStream } from '../src/index.js';
import { ask, drain, types, useEmulator } from './emulator-harness.js';

const h = useEmulator();
// Fast, deterministic backoff: zero jitter, tiny bases.
const fast = { retryBaseMs: 1, random: () => 0 };
const requests = () => h.emulator.journal.entries().filter((e) => e.operation === 'ConverseStream');

describe('converseStream against the emulator: errors before the stream', () => {
  it.each([
    [400, 'ValidationException', 'validation', 1],
    [403, 'AccessDeniedException', 'access_denied', 1],
    [404, 'ResourceNotFoundException', 'not_found', 1],
    [408, 'ModelTimeoutException', 'model_timeout', 1],
    [424, 'ModelErrorException', 'model_error', 1],
    [429, 'ThrottlingException', 'throttled', 3],
    [429, 'ModelNotReadyException', 'model_not_ready', 3],
    [500, 'InternalServerException', 'internal', 3],
    [503, 'ServiceUnavailableException', 'service_unavailable', 3],
    [418, 'TeapotException', 'validation', 1],
  ])('HTTP %i %s is %s after %i attempt(s)', async (status, type, code, attempts) => {
    // One scenario: the emulator keeps it for every attempt of this invocation.
    h.emulator.scenarios.push({ httpError: { status, type, message: `${type} says no` } });
    const { events, error } = await drain(converseStream(ask('fail'), { connection: h.connection, ...fast }));
    expect(events).toEqual([]);
    expect(error).toMatchObject({
      code,
      httpStatus: status,
      awsName: type,
      awsMessage: `${type} says no`,
      attempts,
    });
    expect(error?.requestId).toBeTruthy();
    expect(requests()).toHaveLength(attempts);
  });

  it('a signature error never repeats the canonical request (and the session token in it) Bedrock echoes', async () => {
    const token = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENEXAMPLESESSIONTOKEN';
    const first =
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
      'Access Key and signing method. Consult the service documentation for details.';
    h.emulator.scenarios.push({
      httpError: {
        status: 403,
        type: 'InvalidSignatureException',
        message: `${first}\n\nThe Canonical String for this request should have been\n'POST\n/model/x/converse-stream\n\nx-amz-security-token:${token}\n'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256'`,
      },
    });
    const { error } = await drain(converseStream(ask('sign'), { connection: h.connection }));
    expect(error).toMatchObject({
      code: 'authentication',
      awsName: 'InvalidSignatureException',
      awsMessage: first,
    });
    expect(error?.message).toBe(`Bedrock InvalidSignatureException (HTTP 403): ${first}`);
    expect(JSON.stringify({ message: error?.message, awsMessage: error?.awsMessage })).not.toContain('IQoJ');
  });

  it('recognises context overflow from the wording of a ValidationException', async () => {
    h.emulator.scenarios.push({
      httpError: {
        status: 400,
        type: 'ValidationException',
        message: 'Input is too long for requested model.',
      },
    });
    const { error } = await drain(converseStream(ask('long'), { connection: h.connection }));
    expect(error).toMatchObject({ code: 'context_overflow', retryable: false, httpStatus: 400 });
  });

  it('retries throttling before the first token, one invocation id, attempts numbered, then succeeds', async () => {
    h.emulator.scenarios.push({ throttleAttempts: 2 });
    const stream = converseStream(ask('retry me'), { connection: h.connection, ...fast });
    const { events, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(types(events).filter((t) => t === 'messageStart')).toHaveLength(1);
    const sent = requests();
    expect(sent.map((e) => [e.status, e.attempt])).toEqual([
      [429, 1],
      [429, 2],
      [200, 3],
    ]);
    expect(new Set(sent.map((e) => e.invocationId)).size).toBe(1);
    expect(stream.warnings.map((w) => w.code)).toEqual(['retried', 'retried']);
  });

  it('gives up after maxAttempts', async () => {
    h.emulator.scenarios.push({ throttleAttempts: 9 });
    const { error } = await drain(
      converseStream(ask('never'), { connection: h.connection, ...fast, maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'throttled', attempts: 2 });
    expect(requests()).toHaveLength(2);
  });

  it('honours retry-after as the minimum wait', async () => {
    const waits: number[] = [];
    const clock = {
      now: () => Date.now(),
      setTimeout: (callback: () => void, ms: number) => {
        waits.push(ms);
        return setTimeout(callback, ms);
      },
      clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout),
    };
    h.emulator.scenarios.push({
      httpError: { status: 429, type: 'ThrottlingException', retryAfter: '0.15' },
    });
    const { error } = await drain(
      converseStream(ask('later'), { connection: h.connection, ...fast, clock, maxAttempts: 2 }),
    );
    expect(error).toMatchObject({ code: 'throttled', attempts: 2 });
    expect(waits).toContain(150);
  });
});

describe('converseStream against the emulator: exceptions in the first frame', () => {
  it.each([
    ['throttlingException', 'throttled', 3],
    ['internalServerException', 'internal', 3],
    ['serviceUnavailableException', 'service_unavailable', 3],
    ['validationException', 'validation', 1],
    ['modelStreamErrorException', 'model_error', 1],
  ])('%s as the first frame is %s after %i attempt(s)', async (type, code, attempts) => {
    h.emulator.scenarios.push({
      streamException: { type: type as (typeof STREAM_EXCEPTIONS)[number], afterEvents: 0 },
    });
    const { events, error } = await drain(
      converseStream(ask('first'), { connection: h.connection, ...fast }),
    );
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code, attempts, httpStatus: undefined });
    expect(error?.requestId).toBeTruthy();
    expect(requests()).toHaveLength(attempts);
  });

  it('retries an exception that follows messageStart but precedes content, relaying messageStart once', async () => {
    // The emulator replays a scenario for every attempt of one invocation, as a persistent fault would.
    h.emulator.scenarios.push({ streamException: { type: 'throttlingException', afterEvents: 1 } });
    const { events, error } = await drain(
      converseStream(ask('again'), { connection: h.connection, ...fast }),
    );
    expect(types(events)).toEqual(['messageStart']);
    expect(error).toMatchObject({ code: 'throttled', attempts: 3 });
    expect(requests().map((e) => e.eventsSent)).toEqual([1, 1, 1]);
  });
});

describe('converseStream against the emulator: failures inside the stream', () => {
  it.each([
    ['throttlingException', 'throttled'],
    ['internalServerException', 'internal'],
    ['serviceUnavailableException', 'service_unavailable'],
    ['validationException', 'validation'],
    ['modelStreamErrorException', 'model_error'],
  ] as const)('%s after content is a typed %s error and is never retried', async (type, code) => {
    h.emulator.scenarios.push({ streamException: { type, afterEvents: 3, message: 'mid-stream failure' } });
    const { events, error } = await drain(
      converseStream(ask('one two three four five six'), { connection: h.connection, ...fast }),
    );
    expect(events).toHaveLength(3);
    expect(error).toMatchObject({ code, awsMessage: 'mid-stream failure', attempts: 1 });
    expect(error?.awsName?.toLowerCase()).toBe(type.toLowerCase());
    expect(error?.requestId).toBeTruthy();
    expect(requests()).toHaveLength(1);
  });

  it('turns an unmodeled error frame into a typed error', async () => {
    h.emulator.scenarios.push({
      errorFrame: { code: 'InternalFailure', message: 'An internal error occurred.', afterEvents: 3 },
    });
    const { events, error } = await drain(
      converseStream(ask('one two three four five'), { connection: h.connection }),
    );
    expect(events).toHaveLength(3);
    expect(error).toMatchObject({
      awsName: 'InternalFailure',
      awsMessage: 'An internal error occurred.',
      code: 'internal',
    });
  });

  it('reports a frame cut in half as truncated, not success', async () => {
    h.emulator.scenarios.push({ truncateAfterEvents: 3 });
    const { events, error } = await drain(
      converseStream(ask('one two three four five'), { connection: h.connection }),
    );
    expect(events).toHaveLength(3);
    expect(error).toMatchObject({ code: 'truncated' });
    expect(requests()).toHaveLength(1);
  });

  it('reports a stream that ends cleanly without messageStop as truncated', async () => {
    h.emulator.scenarios.push({
      script: [
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
      ],
    });
    const { events, error } = await drain(converseStream(ask('cut'), { connection: h.connection }));
    expect(types(events)).toEqual(['messageStart', 'textDelta']);
    expect(error).toMatchObject({ code: 'truncated', retryable: true });
  });

  it('reports an empty 200 body as truncated', async () => {
    h.emulator.scenarios.push({ script: [] });
    const { events, error } = await drain(converseStream(ask('nothing'), { connection: h.connection }));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: 'truncated' });
  });

  it('reports a corrupt CRC as a protocol error, mid-stream and in the first frame', async () => {
    h.emulator.scenarios.push({ badCrcAtEvent: 2 });
    const mid = await drain(converseStream(ask('one two three four'), { connection: h.connection }));
    expect(mid.events).toHaveLength(2);
    expect(mid.error).toMatchObject({ code: 'protocol' });
    expect(mid.error?.message).toMatch(/checksum/);
    h.emulator.scenarios.push({ badCrcAtEvent: 0 });
    const first = await drain(converseStream(ask('one two'), { connection: h.connection }));
    expect(first.events).toEqual([]);
    expect(first.error).toMatchObject({ code: 'protocol' });
  });
});
