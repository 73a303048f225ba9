import { describe, expect, it } from 'vitest';
import { ConverseStreamError, converseStream } from '../src/index.js';
import { ask, type Drained, drain, types, useEmulator } from './emulator-harness.js';
import { ManualClock } from './manual-clock.js';

const h = useEmulator();
const streamEntry = () => h.emulator.journal.waitFor((e) => e.operation === 'ConverseStream' && e.done, 5000);

/** Lets every pending promise callback run (the stream's path to its next wait needs no I/O). */
async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Tracks whether a promise has settled, keeping a thrown ConverseStreamError as a value. */
function settle<T>(promise: Promise<T>) {
  const state = {
    settled: false,
    promise: promise.then(
      (value) => ({ value, error: undefined as ConverseStreamError | undefined }),
      (error: unknown) => {
        if (!(error instanceof ConverseStreamError)) throw error;
        return { value: undefined, error };
      },
    ),
  };
  const mark = () => {
    state.settled = true;
  };
  state.promise.then(mark, mark);
  return state;
}

describe('converseStream against the emulator: timeouts and abort', () => {
  // Timeouts run on an injected ManualClock: a minute of idle or first-event time passes in one call,
  // so the tests neither sleep nor depend on how busy the machine is, and they pin the exact deadline.
  it('ends a stalled stream with an idle timeout exactly at the deadline and cancels it', async () => {
    h.emulator.scenarios.push({ stallAfterEvents: 2 });
    const clock = new ManualClock();
    const stream = converseStream(ask('one two three four'), {
      connection: h.connection,
      idleTimeoutMs: 60_000,
      clock,
    });
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    const second = await iterator.next();
    expect([first.done, second.done]).toEqual([false, false]);
    const third = settle(iterator.next());
    await flushMicrotasks();
    clock.advance(59_999);
    await flushMicrotasks();
    expect(third.settled).toBe(false);
    clock.advance(1);
    const outcome = await third.promise;
    expect(outcome.error).toMatchObject({ code: 'timeout', retryable: true });
    expect(outcome.error?.message).toBe('No event from Bedrock for 60000 ms (idle timeout)');
    expect(outcome.error?.requestId).toBeTruthy();
    expect(await streamEntry()).toMatchObject({ cancelled: true, eventsSent: 2 });
  });

  it('ends a slow first byte with a first-event timeout exactly at the deadline, without retrying', async () => {
    // The emulator would wait ten minutes of real time; only the injected clock can end this.
    h.emulator.scenarios.push({ firstByteDelayMs: 600_000 });
    const clock = new ManualClock();
    const stream = converseStream(ask('hello'), {
      connection: h.connection,
      firstEventTimeoutMs: 30_000,
      clock,
    });
    const pending = settle(drain(stream));
    await h.emulator.journal.waitFor((e) => e.operation === 'ConverseStream', 5000);
    await flushMicrotasks();
    clock.advance(29_999);
    await flushMicrotasks();
    expect(pending.settled).toBe(false);
    clock.advance(1);
    const { events, error } = (await pending.promise).value as Drained;
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: 'timeout', attempts: 1 });
    expect(error?.message).toBe('No event from Bedrock within 30000 ms (first-event timeout)');
    expect(await streamEntry()).toMatchObject({ cancelled: true, eventsSent: 0 });
    expect(h.emulator.journal.entries()).toHaveLength(1);
  });

  it('aborts mid-stream promptly: aborted error, and the emulator sees the HTTP/2 stream cancelled', async () => {
    h.emulator.scenarios.push({ stallAfterEvents: 3 });
    const controller = new AbortController();
    const stream = converseStream(ask('one two three four five'), {
      connection: h.connection,
      signal: controller.signal,
    });
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const event of stream) {
        seen.push(event.type);
        if (seen.length === 3) controller.abort(new Error('user pressed stop'));
      }
    } catch (error) {
      caught = error;
    }
    expect(seen).toHaveLength(3);
    expect(caught).toMatchObject({ code: 'aborted' });
    expect((caught as Error).message).toMatch(/user pressed stop/);
    expect(await streamEntry()).toMatchObject({ cancelled: true, eventsSent: 3 });
  });

  it('aborts while waiting for the first event', async () => {
    h.emulator.scenarios.push({ firstByteDelayMs: 3000 });
    const controller = new AbortController();
    const stream = converseStream(ask('hello'), { connection: h.connection, signal: controller.signal });
    const pending = drain(stream);
    await h.emulator.journal.waitFor((e) => e.operation === 'ConverseStream');
    controller.abort();
    const { events, error } = await pending;
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: 'aborted' });
    expect(await streamEntry()).toMatchObject({ cancelled: true });
  });

  it('aborts during a retry backoff without another attempt', async () => {
    h.emulator.scenarios.push({ httpError: { status: 429, type: 'ThrottlingException', retryAfter: '10' } });
    const controller = new AbortController();
    const stream = converseStream(ask('hello'), { connection: h.connection, signal: controller.signal });
    const pending = drain(stream);
    await h.emulator.journal.waitFor((e) => e.operation === 'ConverseStream' && e.done);
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const { error } = await pending;
    expect(error).toMatchObject({ code: 'aborted' });
    expect(h.emulator.journal.entries()).toHaveLength(1);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const { error } = await drain(
      converseStream(ask('hi'), { connection: h.connection, signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ code: 'aborted', attempts: 0 });
    expect(h.emulator.journal.entries()).toEqual([]);
  });

  it('cancels the HTTP/2 stream when the consumer stops reading', async () => {
    h.emulator.scenarios.push({ stallAfterEvents: 3 });
    const stream = converseStream(ask('one two three four five'), { connection: h.connection });
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.type);
      if (seen.length === 2) break;
    }
    expect(seen).toHaveLength(2);
    expect(await streamEntry()).toMatchObject({ cancelled: true });
  });

  it('never trips the idle timeout while events keep coming, however long the whole reply takes', async () => {
    h.emulator.scenarios.push({ eventDelayMs: 40 });
    const { events, error } = await drain(
      converseStream(ask('a b c d e f g h i j k l m n o p q r s t'), {
        connection: h.connection,
        idleTimeoutMs: 1000,
      }),
    );
    expect(error).toBeUndefined();
    expect(types(events)).toContain('messageStop');
  });
});
