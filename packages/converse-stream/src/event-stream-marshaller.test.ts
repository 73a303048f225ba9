import { describe, expect, it } from 'vitest';
import { chunks, encodeFrame, errorFrame, eventFrame, exceptionFrame } from '../test/frames.js';
import { classifyError } from './classify.js';
import { bedrockEvents } from './event-stream-marshaller.js';
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
});
