import { describe, expect, it } from 'vitest';
import { chunks, encodeFrame, errorFrame, eventFrame, exceptionFrame } from '../test/frames.js';
import { classifyError } from './classify.js';
import { bedrockEvents, directEvents } from './event-stream-marshaller.js';
import type { BedrockStreamEvent } from './events.js';
import { StreamException } from './stream-exception.js';

async function run(...frames: Buffer[]): Promise<{ events: BedrockStreamEvent[]; error?: unknown }> {
  const events: BedrockStreamEvent[] = [];
  try {
    for await (const event of bedrockEvents(chunks(...frames))) events.push(event);
    return { events };
  } catch (error) {
    return { events, error };
  }
}

describe('bedrockEvents', () => {
  it('yields typed events, then throws a modeled exception frame with the SDK name and fields', async () => {
    const { events, error } = await run(
      eventFrame('messageStart', { role: 'assistant' }),
      exceptionFrame('modelStreamErrorException', {
        message: 'boom',
        originalStatusCode: 500,
        originalMessage: 'x',
      }),
    );
    expect(events).toEqual([{ type: 'messageStart', role: 'assistant' }]);
    expect(error).toBeInstanceOf(StreamException);
    expect(error).toMatchObject({
      name: 'ModelStreamErrorException',
      message: 'boom',
      originalStatusCode: 500,
      $fault: 'client',
    });
    expect(classifyError(error)).toMatchObject({
      code: 'model_error',
      retryable: true,
      awsName: 'ModelStreamErrorException',
    });
  });

  it('throws unmodeled error frames by their code', async () => {
    const { error } = await run(errorFrame('SomeErrorCode', 'an unmodeled error'));
    expect(error).toMatchObject({ name: 'SomeErrorCode', message: 'an unmodeled error' });
  });

  it('makes a non-JSON payload a protocol error', async () => {
    const frame = encodeFrame({ ':event-type': 'messageStart', ':message-type': 'event' }, '{not json');
    const { error } = await run(frame);
    expect(classifyError(error)).toMatchObject({ code: 'protocol' });
  });

  it('treats an empty body as no events (the caller decides that it is truncated)', async () => {
    expect(await run()).toEqual({ events: [] });
  });

  it('answers next() calls made without waiting in order, across chunk reads', async () => {
    const frames = [0, 1, 2, 3].map((i) =>
      eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: `t${i}` } }),
    );
    const body = Buffer.concat(frames);
    const events = bedrockEvents(chunks(body.subarray(0, 50), body.subarray(50, 200), body.subarray(200)));
    const steps = await Promise.all([1, 2, 3, 4, 5].map(() => events.next()));
    expect(steps.map((step) => (step.done ? 'done' : (step.value as { text: string }).text))).toEqual([
      't0',
      't1',
      't2',
      't3',
      'done',
    ]);
  });

  it('releases the body when the consumer stops early', async () => {
    let released = false;
    async function* body() {
      try {
        yield eventFrame('messageStart', { role: 'assistant' });
        yield eventFrame('messageStart', { role: 'assistant' });
      } finally {
        released = true;
      }
    }
    for await (const _event of bedrockEvents(body())) break;
    expect(released).toBe(true);
  });

  it('hands out its own iterator after the first event only while nothing else was read ahead', async () => {
    const frames = [0, 1, 2].map((i) =>
      eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: `t${i}` } }),
    );
    const events = bedrockEvents(chunks(...frames));
    const first = await events.next();
    expect(first.done).toBe(false);
    const event = first.value as BedrockStreamEvent;
    expect(directEvents(event, 1)).toBe(events);
    await events.next();
    // Two events left the decoder but the caller saw one: the direct iterator would skip one.
    expect(directEvents(event, 1)).toBeUndefined();
    expect(directEvents({ type: 'messageStart', role: 'assistant' }, 1)).toBeUndefined();
  });
});
