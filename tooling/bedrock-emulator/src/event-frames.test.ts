import { describe, expect, it } from 'vitest';
import { codec, corruptCrc, errorFrame, eventFrame, exceptionFrame } from './event-frames.js';

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

  it('a corrupted CRC is rejected by the codec and leaves the original intact', () => {
    const original = eventFrame('contentBlockStop', { contentBlockIndex: 0 });
    const copy = Buffer.from(original);
    expect(() => codec.decode(corruptCrc(original))).toThrow(/checksum/);
    expect(original.equals(copy)).toBe(true);
  });
});
