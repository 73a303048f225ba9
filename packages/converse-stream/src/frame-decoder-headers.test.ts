// Frame edges the happy path never reaches: every header value type of the event-stream encoding, lengths outside
// what a frame can be, and header lengths that disagree with the headers. Layout and type codes (0/1 true/false,
// 2 byte, 3 int16, 4 int32, 5 int64, 6 bytes, 7 string, 8 timestamp, 9 UUID; Bedrock itself sends only strings):
// the AWS event stream encoding, https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html and
// https://docs.aws.amazon.com/lexv2/latest/dg/event-stream-encoding.html (16 bytes of overhead per message).
import { describe, expect, it } from 'vitest';
import { chunks } from '../test/frames.js';
import { crc32Portable } from './crc32.js';
import { ConverseStreamError } from './errors.js';
import { decodeFrame, decodeFrames } from './frame-decoder.js';

function header(name: string, type: number, value: Buffer = Buffer.alloc(0)): Buffer {
  const n = Buffer.from(name, 'latin1');
  return Buffer.concat([Buffer.from([n.length]), n, Buffer.from([type]), value]);
}
const str = (name: string, value: string) => {
  const v = Buffer.from(value);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(v.length);
  return header(name, 7, Buffer.concat([len, v]));
};

/** A frame from raw header bytes; `declaredHeaders` can lie about their length. */
function frame(headers: Buffer, payload: string, declaredHeaders = headers.length): Buffer {
  const body = Buffer.from(payload);
  const total = 16 + headers.length + body.length;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(declaredHeaders, 4);
  out.writeUInt32BE(crc32Portable(out.subarray(0, 8)), 8);
  headers.copy(out, 12);
  body.copy(out, 12 + headers.length);
  out.writeUInt32BE(crc32Portable(out.subarray(0, total - 4)), total - 4);
  return out;
}

function protocolFailure(run: () => unknown): ConverseStreamError {
  try {
    run();
  } catch (error) {
    if (ConverseStreamError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

async function streamFailure(body: Buffer[]): Promise<ConverseStreamError> {
  try {
    for await (const _ of decodeFrames(chunks(...body))) {
      // drain
    }
  } catch (error) {
    if (ConverseStreamError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('decodeFrame header value types', () => {
  it('skips every non-string header by its exact size and still reads the string headers after it', () => {
    const headers = Buffer.concat([
      header('t', 0),
      header('f', 1),
      header('b', 2, Buffer.from([0x7f])),
      header('s', 3, Buffer.from([0x12, 0x34])),
      header('i', 4, Buffer.from([1, 2, 3, 4])),
      header('l', 5, Buffer.alloc(8, 5)),
      header('y', 6, Buffer.from([0, 3, 9, 9, 9])),
      header('ts', 8, Buffer.alloc(8, 8)),
      header('u', 9, Buffer.alloc(16, 9)),
      str(':message-type', 'event'),
      str(':event-type', 'messageStart'),
    ]);
    const decoded = decodeFrame(frame(headers, '{"role":"assistant"}'));
    expect(decoded).toEqual({
      messageType: 'event',
      kind: 'messageStart',
      payload: Buffer.from('{"role":"assistant"}'),
    });
  });

  it('reads an error frame code and message, and an exception frame type', () => {
    const error = decodeFrame(
      frame(
        Buffer.concat([
          str(':message-type', 'error'),
          str(':error-code', 'InternalFailure'),
          str(':error-message', 'boom'),
        ]),
        '',
      ),
    );
    expect(error).toEqual({
      messageType: 'error',
      kind: 'InternalFailure',
      errorMessage: 'boom',
      payload: Buffer.alloc(0),
    });
    const withoutMessage = decodeFrame(
      frame(Buffer.concat([str(':message-type', 'error'), str(':error-code', 'X')]), ''),
    );
    expect(withoutMessage).toEqual({ messageType: 'error', kind: 'X', payload: Buffer.alloc(0) });
    const exception = decodeFrame(
      frame(
        Buffer.concat([str(':message-type', 'exception'), str(':exception-type', 'throttlingException')]),
        '{}',
      ),
    );
    expect(exception).toEqual({
      messageType: 'exception',
      kind: 'throttlingException',
      payload: Buffer.from('{}'),
    });
  });

  it('rejects an unknown header type, naming it', () => {
    const error = protocolFailure(() =>
      decodeFrame(frame(Buffer.concat([header('odd', 10), str(':message-type', 'event')]), '{}')),
    );
    expect(error).toMatchObject({ code: 'protocol' });
    expect(error.message).toContain('unknown header type 10 for odd');
  });

  it('rejects headers that run past their declared length, and a declared length past the frame', () => {
    const headers = Buffer.concat([str(':message-type', 'event'), str(':event-type', 'messageStart')]);
    const short = protocolFailure(() => decodeFrame(frame(headers, '{"a":1}', headers.length - 3)));
    expect(short.message).toContain('headers overrun their length');
    const long = protocolFailure(() => decodeFrame(frame(headers, '{}', headers.length + 3)));
    expect(long.message).toContain('headers overrun the frame');
    // Exactly the frame: headers that fill it to the message CRC are fine.
    expect(decodeFrame(frame(headers, '')).payload).toEqual(Buffer.alloc(0));
  });
});

describe('decodeFrames frame lengths', () => {
  const prelude = (total: number) => {
    const out = Buffer.alloc(12);
    out.writeUInt32BE(total, 0);
    out.writeUInt32BE(0, 4);
    out.writeUInt32BE(crc32Portable(out.subarray(0, 8)), 8);
    return out;
  };

  it.each([15, 16 * 1024 * 1024 + 1])('refuses a prelude announcing %i bytes', async (total) => {
    const error = await streamFailure([prelude(total)]);
    expect(error).toMatchObject({ code: 'protocol' });
    expect(error.message).toContain(`impossible frame length ${total}`);
  });

  it('accepts the smallest frame length there is (16 bytes) as far as the length goes', async () => {
    // A 16-byte frame has no headers, so no message type: the length passes, the type does not.
    const error = await streamFailure([frame(Buffer.alloc(0), '')]);
    expect(error.message).toContain('unknown :message-type ""');
  });
});
