// Event-stream frames (application/vnd.amazon.eventstream). The header block of each event type is encoded
// once with the maintained codec (@smithy/eventstream-codec) and cached; each frame then only needs its
// payload copied in and two CRCs, computed by zlib's native crc32. The bench measured the codec's own encode
// path (JS CRC, per-header allocation) as the bottleneck; event-frames.test.ts proves the output is
// byte-identical to the codec's.
import zlib from 'node:zlib';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

export const codec = new EventStreamCodec(toUtf8, fromUtf8);

const PRELUDE = 12;
const TRAILER = 4;
const headerCache = new Map<string, Buffer>();

function headerBlock(kind: string, headers: Record<string, string>): Buffer {
  const key = kind + '\0' + Object.values(headers).join('\0');
  let block = headerCache.get(key);
  if (!block) {
    const encoded = codec.formatHeaders(
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { type: 'string', value }])),
    );
    block = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    headerCache.set(key, block);
  }
  return block;
}

/** Builds one message from a pre-encoded header block and a payload. */
export function frame(headers: Buffer, payload: Buffer): Buffer {
  const total = PRELUDE + headers.length + payload.length + TRAILER;
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headers.length, 4);
  out.writeUInt32BE(zlib.crc32(out.subarray(0, 8)), 8);
  headers.copy(out, PRELUDE);
  payload.copy(out, PRELUDE + headers.length);
  out.writeUInt32BE(zlib.crc32(out.subarray(0, total - TRAILER)), total - TRAILER);
  return out;
}

/** `:message-type=event` frame; `payload` is the member's JSON without the outer key. */
export function eventFrame(eventType: string, payload: unknown): Buffer {
  const headers = headerBlock('event', {
    ':event-type': eventType,
    ':content-type': 'application/json',
    ':message-type': 'event',
  });
  return frame(headers, Buffer.from(JSON.stringify(payload)));
}

/** Modeled exception frame, e.g. `throttlingException` with `{ message }`. */
export function exceptionFrame(exceptionType: string, payload: Record<string, unknown>): Buffer {
  const headers = headerBlock('exception', {
    ':exception-type': exceptionType,
    ':content-type': 'application/json',
    ':message-type': 'exception',
  });
  return frame(headers, Buffer.from(JSON.stringify(payload)));
}

/** Unmodeled error frame: the SDK surfaces `:error-code` as the error name. */
export function errorFrame(code: string, message: string): Buffer {
  return frame(
    headerBlock('error', { ':message-type': 'error', ':error-code': code, ':error-message': message }),
    Buffer.alloc(0),
  );
}

/** A copy of `frame` whose message CRC no longer matches. */
export function corruptCrc(frameBytes: Buffer): Buffer {
  const copy = Buffer.from(frameBytes);
  const at = copy.length - TRAILER;
  copy.writeUInt32BE((copy.readUInt32BE(at) ^ 0xdeadbeef) >>> 0, at);
  return copy;
}
