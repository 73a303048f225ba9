// Event-stream frames (application/vnd.amazon.eventstream). The header block of each event type is encoded
// once with the maintained codec (@smithy/eventstream-codec) and cached; each frame then only needs its
// payload written and two CRCs, computed by zlib's native crc32. The bench measured the codec's own encode
// path (JS CRC, per-header allocation) at about a quarter of this one's rate; event-frames.test.ts proves the
// output is byte-identical to the codec's.
import zlib from 'node:zlib';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

export const codec = new EventStreamCodec(toUtf8, fromUtf8);

const PRELUDE = 12;
const TRAILER = 4;
const headerCache = new Map<string, Buffer>();

function encodeHeaders(headers: Record<string, string>): Buffer {
  const encoded = codec.formatHeaders(
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { type: 'string', value }])),
  );
  return Buffer.from(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

function headerBlock(kind: string, headers: Record<string, string>): Buffer {
  const key = kind + '\0' + Object.values(headers).join('\0');
  let block = headerCache.get(key);
  if (!block) {
    block = encodeHeaders(headers);
    headerCache.set(key, block);
  }
  return block;
}

const eventHeaderCache = new Map<string, Buffer>();

/** The header block of `:message-type=event` frames of one event type (hot path: one map lookup). */
function eventHeaders(eventType: string): Buffer {
  let block = eventHeaderCache.get(eventType);
  if (!block) {
    block = encodeHeaders({
      ':event-type': eventType,
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    eventHeaderCache.set(eventType, block);
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
  return frame(eventHeaders(eventType), Buffer.from(JSON.stringify(payload)));
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

const BATCH_CAPACITY = 64 * 1024;

/** Encodes event frames straight into one buffer per write: no per-frame allocation or concatenation. */
export class FrameBatch {
  private buffer = Buffer.allocUnsafe(BATCH_CAPACITY);
  private used = 0;
  /** Event frames in the current batch. */
  events = 0;

  get size(): number {
    return this.used;
  }

  event(eventType: string, payload: unknown, badCrc = false): void {
    const headers = eventHeaders(eventType);
    const json = JSON.stringify(payload);
    const total = PRELUDE + headers.length + Buffer.byteLength(json) + TRAILER;
    this.reserve(total);
    const out = this.buffer;
    const at = this.used;
    out.writeUInt32BE(total, at);
    out.writeUInt32BE(headers.length, at + 4);
    const preludeCrc = zlib.crc32(out.subarray(at, at + 8));
    out.writeUInt32BE(preludeCrc, at + 8);
    headers.copy(out, at + PRELUDE);
    out.write(json, at + PRELUDE + headers.length, 'utf8');
    // CRC32 continues over the prelude CRC, headers and payload.
    let crc = zlib.crc32(out.subarray(at + 8, at + total - TRAILER), preludeCrc);
    if (badCrc) crc = (crc ^ 0xdeadbeef) >>> 0;
    out.writeUInt32BE(crc, at + total - TRAILER);
    this.used += total;
    this.events += 1;
  }

  /** Appends bytes as they are (exception and error frames, a truncated frame). */
  raw(bytes: Buffer): void {
    this.reserve(bytes.length);
    bytes.copy(this.buffer, this.used);
    this.used += bytes.length;
  }

  /** Hands over the encoded bytes and starts a fresh buffer (the written one stays owned by the socket). */
  take(): Buffer {
    const bytes = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(BATCH_CAPACITY);
    this.used = 0;
    this.events = 0;
    return bytes;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + bytes));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}
