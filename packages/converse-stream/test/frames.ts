// Builds real event-stream frames (string headers only, like Bedrock) for byte-level tests.
import { crc32Portable } from '../src/crc32.js';

export function encodeFrame(headers: Record<string, string>, payload: unknown): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const n = Buffer.from(name);
      const v = Buffer.from(value);
      const h = Buffer.alloc(1 + n.length + 3 + v.length);
      h[0] = n.length;
      n.copy(h, 1);
      h[1 + n.length] = 7;
      h.writeUInt16BE(v.length, 2 + n.length);
      v.copy(h, 4 + n.length);
      return h;
    }),
  );
  const body = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const total = 16 + headerBytes.length + body.length;
  const out = Buffer.alloc(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headerBytes.length, 4);
  out.writeUInt32BE(crc32Portable(out.subarray(0, 8)), 8);
  headerBytes.copy(out, 12);
  body.copy(out, 12 + headerBytes.length);
  out.writeUInt32BE(crc32Portable(out.subarray(0, total - 4)), total - 4);
  return out;
}

export const eventFrame = (type: string, payload: unknown) =>
  encodeFrame(
    { ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' },
    payload,
  );

export const exceptionFrame = (type: string, payload: unknown) =>
  encodeFrame(
    { ':exception-type': type, ':content-type': 'application/json', ':message-type': 'exception' },
    payload,
  );

export const errorFrame = (code: string, message: string) =>
  encodeFrame({ ':error-code': code, ':error-message': message, ':message-type': 'error' }, '');

export async function* chunks(...parts: Buffer[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield part;
}
