// Every failure path, before and inside the stream, as the official SDK sees it, and the retries the SDK's
// default strategy makes (visible in the journal).
import {
  ConverseCommand,
  ConverseStreamCommand,
  InternalServerException,
  ModelStreamErrorException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, STREAM_EXCEPTIONS, scenarioPresets, startEmulator } from '../src/index.js';
import { collect, eventNames, failure, HAIKU, runtimeClient, userText } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.journal.clear();
  emulator.scenarios.clear();
});

const command = (text = 'hello world, how are you today') =>
  new ConverseStreamCommand({ modelId: HAIKU, messages: userText(text) });
const fastRetries = (attempts: number) => new ConfiguredRetryStrategy(attempts, 5);

describe('HTTP errors before the stream', () => {
  const cases = [
    ['http-400', 400, 'ValidationException', 'client'],
    ['http-403', 403, 'AccessDeniedException', 'client'],
    ['http-404', 404, 'ResourceNotFoundException', 'client'],
    ['http-408', 408, 'ModelTimeoutException', 'client'],
    ['http-424', 424, 'ModelErrorException', 'client'],
    ['http-429', 429, 'ThrottlingException', 'client'],
    ['http-500', 500, 'InternalServerException', 'server'],
    ['http-503', 503, 'ServiceUnavailableException', 'server'],
    ['model-not-ready', 429, 'ModelNotReadyException', 'client'],
  ] as const;
  it.each(cases)('%s -> %i %s', async (preset, status, name, fault) => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push(scenarioPresets[preset]!);
    const error = await failure(client.send(command()));
    expect(error.name).toBe(name);
    expect(error.message).toBe(scenarioPresets[preset]!.httpError!.message);
    expect(error.$fault).toBe(fault);
    expect(error.$metadata).toMatchObject({ httpStatusCode: status, attempts: 1 });
    expect((error.$metadata as { requestId: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.journal.entries()[0]).toMatchObject({ status, errorType: name, eventsSent: 0 });
    client.destroy();
  });

  it('sends retry-after when asked and an unknown type reaches the caller by name', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({
      httpError: { status: 418, type: 'TeapotException', message: 'short and stout' },
    });
    const error = await failure(client.send(command()));
    expect(error.name).toBe('TeapotException');
    expect(error.$metadata).toMatchObject({ httpStatusCode: 418 });
    client.destroy();
  });
});

describe('retries with the default strategy, counted in the journal', () => {
  it('retries a 500 three times under one invocation id', async () => {
    const client = runtimeClient(emulator);
    emulator.scenarios.push(scenarioPresets['http-500']!);
    const error = await failure(client.send(command()));
    expect(error).toBeInstanceOf(InternalServerException);
    expect(error.$metadata).toMatchObject({ attempts: 3 });
    const entries = emulator.journal.entries();
    expect(entries.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    expect(new Set(entries.map((entry) => entry.invocationId)).size).toBe(1);
    client.destroy();
  });

  it('does not retry a 400', async () => {
    const client = runtimeClient(emulator);
    emulator.scenarios.push(scenarioPresets['http-400']!);
    await failure(client.send(command()));
    expect(emulator.journal.entries()).toHaveLength(1);
    client.destroy();
  });

  it('recovers from a 503 on the second attempt', async () => {
    const client = runtimeClient(emulator);
    emulator.scenarios.push({ httpError: { ...scenarioPresets['http-503']!.httpError!, attempts: 1 } });
    const out = await client.send(command('second time'));
    expect(eventNames(await collect(out.stream))[0]).toBe('messageStart');
    expect(emulator.journal.entries().map((entry) => [entry.attempt, entry.status])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    client.destroy();
  });

  it('throttles the first K attempts of the same request, then answers', async () => {
    const client = runtimeClient(emulator, { retryStrategy: fastRetries(4) });
    emulator.scenarios.push({ throttleAttempts: 2 });
    const out = await client.send(command('throttle me'));
    expect(eventNames(await collect(out.stream))[0]).toBe('messageStart');
    const entries = emulator.journal.entries();
    expect(entries.map((entry) => [entry.attempt, entry.status])).toEqual([
      [1, 429],
      [2, 429],
      [3, 200],
    ]);
    expect(out.$metadata.attempts).toBe(3);
    client.destroy();
  });

  it('counts throttled attempts by request content, across clients', async () => {
    const header = 'throttle-2';
    const a = runtimeClient(emulator, { maxAttempts: 1 });
    const b = runtimeClient(emulator, { maxAttempts: 1 });
    const text = `[[scenario:${header}]] across clients`;
    expect((await failure(a.send(command(text)))).name).toBe('ThrottlingException');
    expect((await failure(b.send(command(text)))).name).toBe('ThrottlingException');
    const out = await a.send(command(text));
    expect(eventNames(await collect(out.stream))[0]).toBe('messageStart');
    a.destroy();
    b.destroy();
  });
});

describe('exceptions inside the stream', () => {
  const classes = {
    internalServerException: InternalServerException,
    modelStreamErrorException: ModelStreamErrorException,
    validationException: ValidationException,
    throttlingException: ThrottlingException,
    serviceUnavailableException: ServiceUnavailableException,
  };
  it.each(STREAM_EXCEPTIONS)('%s after 3 events is thrown by the iterator, not retried', async (type) => {
    const client = runtimeClient(emulator);
    emulator.scenarios.push({ streamException: { type, afterEvents: 3, message: 'mid-stream failure' } });
    const out = await client.send(command());
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of out.stream!) seen.push(Object.keys(event)[0]!);
      })(),
    );
    expect(seen).toHaveLength(3);
    expect(error).toBeInstanceOf(classes[type]);
    expect(error.message).toBe('mid-stream failure');
    if (type === 'modelStreamErrorException') expect(error.originalStatusCode).toBe(500);
    expect(emulator.journal.entries()).toHaveLength(1);
    expect(emulator.journal.entries()[0]?.eventsSent).toBe(3);
    client.destroy();
  });

  it('a throttlingException as the first frame is thrown by send() and retried', async () => {
    const client = runtimeClient(emulator, { retryStrategy: fastRetries(3) });
    emulator.scenarios.push(scenarioPresets['first-throttlingException']!);
    const error = await failure(client.send(command()));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(emulator.journal.entries().map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    client.destroy();
  });

  it('other first-frame exceptions are thrown by send() once', async () => {
    const client = runtimeClient(emulator, { retryStrategy: fastRetries(3) });
    emulator.scenarios.push(scenarioPresets['first-internalServerException']!);
    const error = await failure(client.send(command()));
    expect(error).toBeInstanceOf(InternalServerException);
    expect(emulator.journal.entries()).toHaveLength(1);
    client.destroy();
  });

  it('a :message-type=error frame surfaces its code and message', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({
      errorFrame: { code: 'SomeErrorCode', message: 'an unmodeled error', afterEvents: 2 },
    });
    const out = await client.send(command());
    const error = await failure(collect(out.stream));
    expect(error.name).toBe('SomeErrorCode');
    expect(error.message).toBe('an unmodeled error');
    client.destroy();
  });

  it('a truncated frame makes the iterator throw', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({ truncateAfterEvents: 3 });
    const out = await client.send(command());
    const error = await failure(collect(out.stream));
    expect(error.message).toMatch(/Truncated event message received/);
    client.destroy();
  });

  it('a bad CRC on the first frame fails send(); later, the iterator', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({ badCrcAtEvent: 0 });
    expect((await failure(client.send(command()))).message).toMatch(/checksum/);
    emulator.scenarios.push({ badCrcAtEvent: 4 });
    const out = await client.send(command());
    expect((await failure(collect(out.stream))).message).toMatch(/checksum/);
    client.destroy();
  });
});

describe('timing faults and cancellation', () => {
  it('a stalled stream holds until the client aborts; the journal records the cancellation', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({ stallAfterEvents: 2 });
    const controller = new AbortController();
    const out = await client.send(command(), { abortSignal: controller.signal });
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const event of out.stream!) {
        seen.push(event);
        if (seen.length === 2) controller.abort();
      }
    })().catch(() => undefined);
    await reading;
    const entry = await emulator.journal.waitFor((candidate) => candidate.cancelled);
    expect(entry).toMatchObject({ eventsSent: 2, cancelled: true, done: true });
    client.destroy();
  });

  it('records an HTTP/1.1 client that closes the socket mid-stream as cancelled', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1, requestHandler: new NodeHttpHandler() });
    emulator.scenarios.push({ stallAfterEvents: 1 });
    const controller = new AbortController();
    const out = await client.send(command(), { abortSignal: controller.signal });
    controller.abort();
    await collect(out.stream).catch(() => undefined);
    const entry = await emulator.journal.waitFor((candidate) => candidate.cancelled);
    expect(entry.protocol).toBe('1.1');
    client.destroy();
  });

  it('a completed stream is not cancelled', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    const out = await client.send(command());
    await collect(out.stream);
    const entry = await emulator.journal.waitFor((candidate) => candidate.done);
    expect(entry.cancelled).toBe(false);
    client.destroy();
  });

  it('a slow first byte and per-event delays still deliver every event', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({ firstByteDelayMs: 30, eventDelayMs: 2 });
    const out = await client.send(command('a b c d e f g h'));
    const events = await collect(out.stream);
    expect(eventNames(events).at(-1)).toBe('metadata');
    client.destroy();
  });

  it('an abort during the first-byte delay is a cancellation with no events', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({ firstByteDelayMs: 60_000 });
    const controller = new AbortController();
    const sent = client.send(command(), { abortSignal: controller.signal });
    await emulator.journal.waitFor((entry) => entry.operation === 'ConverseStream');
    controller.abort();
    await failure(sent);
    const entry = await emulator.journal.waitFor((candidate) => candidate.cancelled);
    expect(entry.eventsSent).toBe(0);
    client.destroy();
  });
});

describe('Converse (no stream to fail inside)', () => {
  const converse = () => new ConverseCommand({ modelId: HAIKU, messages: userText('hello') });
  it.each([
    ['throttlingException', 429, 'ThrottlingException'],
    ['modelStreamErrorException', 424, 'ModelStreamErrorException'],
    ['internalServerException', 500, 'InternalServerException'],
    ['serviceUnavailableException', 503, 'ServiceUnavailableException'],
    ['validationException', 400, 'ValidationException'],
  ] as const)('a %s scenario becomes HTTP %i %s', async (type, status, name) => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({ streamException: { type, afterEvents: 2 } });
    const error = await failure(client.send(converse()));
    expect([error.name, (error.$metadata as { httpStatusCode: number }).httpStatusCode]).toEqual([
      name,
      status,
    ]);
    client.destroy();
  });

  it('a scripted exception becomes its HTTP error', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({
      script: [{ messageStart: { role: 'assistant' } }, { throttlingException: { message: 'slow' } }],
    });
    const error = await failure(client.send(converse()));
    expect([
      error.name,
      error.message,
      (error.$metadata as { httpStatusCode: number }).httpStatusCode,
    ]).toEqual(['ThrottlingException', 'slow', 429]);
    client.destroy();
  });

  it('an error frame becomes a 500 with its code; a truncated reply is a dropped connection', async () => {
    const client = runtimeClient(emulator, { maxAttempts: 1 });
    emulator.scenarios.push({ errorFrame: { code: 'SomeErrorCode', message: 'boom', afterEvents: 1 } });
    const frame = await failure(client.send(converse()));
    expect([frame.name, frame.message]).toEqual(['SomeErrorCode', 'boom']);
    emulator.scenarios.push({ truncateAfterEvents: 1 });
    const cut = await failure(client.send(converse()));
    expect(cut.name).not.toBe('ValidationException');
    expect(emulator.journal.entries().at(-1)).toMatchObject({ cancelled: false, done: true });
    client.destroy();
  });
});
