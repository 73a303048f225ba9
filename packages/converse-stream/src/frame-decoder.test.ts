import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chunks, encodeFrame, errorFrame, eventFrame, exceptionFrame } from '../test/frames.js';
import { crc32, crc32Portable } from './crc32.js';
import { ConverseStreamError } from './errors.js';
import { type DecodedFrame, decodeFrame, decodeFrames, FrameSplitter } from './frame-decoder.js';

async function collect(body: AsyncIterable<Uint8Array>): Promise<DecodedFrame[]> {
  const out: DecodedFrame[] = [];
  for await (const frame of decodeFrames(body)) out.push(frame);
  return out;
}

async function failure(body: AsyncIterable<Uint8Array>): Promise<ConverseStreamError> {
  try {
    await collect(body);
  } catch (error) {
    if (ConverseStreamError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('decodeFrames', () => {
  const stream = Buffer.concat([
    eventFrame('messageStart', { role: 'assistant' }),
    eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'héllo' } }),
    exceptionFrame('throttlingException', { message: 'slow' }),
  ]);

  it('matches the byte layout of the wire reference (118-byte messageStart, same CRCs)', () => {
    const frame = eventFrame('messageStart', { role: 'assistant' });
    expect(frame.length).toBe(118);
    expect(frame.readUInt32BE(8)).toBe(0x96d5fade);
    expect(frame.readUInt32BE(114)).toBe(0x6fa8c599);
  });

  it('decodes kinds and payloads, whole or split at every byte boundary', async () => {
    const whole = await collect(chunks(stream));
    expect(whole.map((f) => [f.messageType, f.kind])).toEqual([
      ['event', 'messageStart'],
      ['event', 'contentBlockDelta'],
      ['exception', 'throttlingException'],
    ]);
    expect(JSON.parse(whole[1]!.payload.toString())).toEqual({
      contentBlockIndex: 0,
      delta: { text: 'héllo' },
    });
    for (let cut = 1; cut < stream.length; cut += 7) {
      const split = await collect(chunks(stream.subarray(0, cut), stream.subarray(cut)));
      expect(split.map((f) => f.payload.toString())).toEqual(whole.map((f) => f.payload.toString()));
    }
    const bytewise = await collect(chunks(...Array.from(stream, (byte) => Buffer.from([byte]))));
    expect(bytewise).toHaveLength(3);
  });

  it('reassembles a large frame that arrives in many small chunks', async () => {
    const big = eventFrame('contentBlockDelta', {
      contentBlockIndex: 0,
      delta: { text: 'x'.repeat(200_000) },
    });
    const both = Buffer.concat([big, eventFrame('contentBlockStop', { contentBlockIndex: 0 })]);
    const pieces: Buffer[] = [];
    for (let i = 0; i < both.length; i += 1000) pieces.push(both.subarray(i, i + 1000));
    const frames = await collect(chunks(...pieces));
    expect(frames.map((f) => f.kind)).toEqual(['contentBlockDelta', 'contentBlockStop']);
    expect(frames[0]!.payload.length).toBe(big.length - 16 - big.readUInt32BE(4));
  });

  it('finishes a frame split across chunks from the bytes it needs; the frames after it stay views', () => {
    const a = eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'first' } });
    const b = eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'second' } });
    const c = eventFrame('contentBlockStop', { contentBlockIndex: 0 });
    for (const cut of [3, 12, 20]) {
      const second = Buffer.concat([a.subarray(cut), b, c]);
      const splitter = new FrameSplitter();
      const out: Buffer[] = [];
      splitter.push(a.subarray(0, cut), out);
      expect(out).toHaveLength(0);
      splitter.push(second, out);
      expect(out.map((frame) => frame.toString('hex'))).toEqual([a, b, c].map((f) => f.toString('hex')));
      // b and c were whole in the second chunk: no copy of them was made.
      expect(out[1]!.buffer).toBe(second.buffer);
      expect(out[2]!.buffer).toBe(second.buffer);
      expect(splitter.partialBytes).toBe(0);
    }
  });

  it('checks a prelude that arrives split before waiting for the rest', async () => {
    const bad = Buffer.from(eventFrame('messageStart', { role: 'assistant' }));
    bad.writeUInt32BE(0x7fffffff, 0);
    const error = await failure(chunks(bad.subarray(0, 5), bad.subarray(5, 14)));
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/prelude checksum/);
  });

  it('remembers a header block by its bytes, not its length', () => {
    const memo = {};
    const kinds = ['abcd', 'wxyz', 'abcd', 'wxyz'].map(
      (type) => decodeFrame(eventFrame(type, {}), memo).kind,
    );
    expect(kinds).toEqual(['abcd', 'wxyz', 'abcd', 'wxyz']);
    const error = decodeFrame(errorFrame('Code', 'one'), memo);
    expect(error).toMatchObject({ messageType: 'error', kind: 'Code', errorMessage: 'one' });
    expect(decodeFrame(errorFrame('Code', 'two'), memo).errorMessage).toBe('two');
    expect(decodeFrame(errorFrame('Code', 'two'), memo).errorMessage).toBe('two');
  });

  it('reads error frames with their code and message', async () => {
    const [frame] = await collect(chunks(errorFrame('SomeErrorCode', 'an unmodeled error')));
    expect(frame).toMatchObject({
      messageType: 'error',
      kind: 'SomeErrorCode',
      errorMessage: 'an unmodeled error',
    });
  });

  it('rejects a corrupt message checksum as a protocol error', async () => {
    const bad = Buffer.from(eventFrame('messageStart', { role: 'assistant' }));
    bad[bad.length - 1]! ^= 0xff;
    const error = await failure(chunks(bad));
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/message checksum/);
  });

  it('rejects a corrupt prelude before waiting for the announced length', async () => {
    const bad = Buffer.from(eventFrame('messageStart', { role: 'assistant' }));
    bad.writeUInt32BE(0x7fffffff, 0);
    const error = await failure(chunks(bad.subarray(0, 20)));
    expect(error.code).toBe('protocol');
    expect(error.message).toMatch(/prelude checksum/);
  });

  it('reports a body that stops inside a frame as truncated', async () => {
    const frame = eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'cut' } });
    const error = await failure(
      chunks(eventFrame('messageStart', { role: 'assistant' }), frame.subarray(0, 30)),
    );
    expect(error.code).toBe('truncated');
  });

  it('rejects an unknown message type', async () => {
    const error = await failure(chunks(encodeFrame({ ':message-type': 'weird' }, {})));
    expect(error.code).toBe('protocol');
  });

  it('computes the same CRC32 natively and portably', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog');
    expect(crc32Portable(data)).toBe(0x414fa339);
    expect(crc32(data)).toBe(0x414fa339);
    expect(zlib.crc32 ? zlib.crc32(data) : 0x414fa339).toBe(0x414fa339);
  });
});
