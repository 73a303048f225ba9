import { describe, expect, it } from 'vitest';
import { codec, errorFrame, eventFrame, exceptionFrame, FrameBatch } from './event-frames.js';

const stringHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, { type: 'string' as const, value }]),
  );

describe('event frames', () => {
  it.each([
    ['messageStart', { role: 'assistant' }],
    ['contentBlockDelta', { contentBlockIndex: 3, delta: { text: 'ünïcödé 🌧 "quotes" \\' } }],
    ['metadata', { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, metrics: { latencyMs: 4 } }],
  ])('%s is byte-identical to the smithy codec', (type, payload) => {
    const expected = codec.encode({
      headers: stringHeaders({
        ':event-type': type,
        ':content-type': 'application/json',
        ':message-type': 'event',
      }),
      body: new TextEncoder().encode(JSON.stringify(payload)),
    });
    expect(Buffer.compare(eventFrame(type, payload), Buffer.from(expected))).toBe(0);
  });

  it('matches the 118-byte messageStart frame from the wire reference', () => {
    const bytes = eventFrame('messageStart', { role: 'assistant' });
    expect(bytes.length).toBe(118);
    expect(bytes.readUInt32BE(8)).toBe(0x96d5fade);
    expect(bytes.readUInt32BE(114)).toBe(0x6fa8c599);
  });

  it('encodes exception and error frames the codec decodes', () => {
    const exception = codec.decode(exceptionFrame('throttlingException', { message: 'slow down' }));
    expect(exception.headers[':exception-type']).toEqual({ type: 'string', value: 'throttlingException' });
    expect(exception.headers[':message-type']).toEqual({ type: 'string', value: 'exception' });
    expect(JSON.parse(new TextDecoder().decode(exception.body))).toEqual({ message: 'slow down' });
    const error = codec.decode(errorFrame('SomeCode', 'text'));
    expect(error.headers[':error-code']?.value).toBe('SomeCode');
    expect(error.headers[':error-message']?.value).toBe('text');
    expect(error.body.length).toBe(0);
  });
});

describe('FrameBatch', () => {
  it('writes the same bytes as single frames, growing past its initial capacity', () => {
    const batch = new FrameBatch();
    const expected: Buffer[] = [];
    for (let i = 0; i < 3000; i++) {
      const payload = { contentBlockIndex: i % 3, delta: { text: `word ${i} ünï ` } };
      batch.event('contentBlockDelta', payload);
      expected.push(eventFrame('contentBlockDelta', payload));
    }
    batch.raw(errorFrame('Code', 'message'));
    expected.push(errorFrame('Code', 'message'));
    expect(batch.events).toBe(3000);
    const bytes = batch.take();
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    expect(bytes.equals(Buffer.concat(expected))).toBe(true);
    expect(batch.size).toBe(0);
  });

  it('corrupts only the message CRC of the frame asked for', () => {
    const batch = new FrameBatch();
    batch.event('contentBlockStop', { contentBlockIndex: 0 }, true);
    const bytes = batch.take();
    const good = eventFrame('contentBlockStop', { contentBlockIndex: 0 });
    expect(bytes.subarray(0, -4).equals(good.subarray(0, -4))).toBe(true);
    expect(() => codec.decode(bytes)).toThrow(/checksum/);
  });
});
