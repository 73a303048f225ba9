import { crc32 } from './crc32.js';
import { ConverseStreamError } from './errors.js';

/** One `application/vnd.amazon.eventstream` message with the headers Bedrock uses. */
export interface DecodedFrame {
  /** `event`, `exception` or `error` */
  messageType: string;
  /** `:event-type` for events, `:exception-type` for exceptions, `:error-code` for errors */
  kind: string;
  /** `:error-message` of an `error` frame */
  errorMessage?: string;
  /** The payload bytes (a view into the frame). */
  payload: Buffer;
}

const PRELUDE = 12;
const MIN_FRAME = 16;
/** Bedrock frames are small; anything this large is corruption, not data. */
const MAX_FRAME = 16 * 1024 * 1024;

function protocolError(message: string): ConverseStreamError {
  return new ConverseStreamError({ code: 'protocol', message: `Corrupt event stream: ${message}` });
}

/**
 * Cuts a byte stream into whole frames without copying when a chunk holds whole frames.
 * The prelude CRC is checked as soon as 12 bytes are in, so a corrupt length never makes
 * us wait for bytes that will not come.
 */
export class FrameSplitter {
  /** Bytes of an unfinished frame, kept as received until enough are in (no copy per chunk). */
  private parts: Buffer[] = [];
  private pendingLength = 0;
  /** Bytes needed before parsing again: the prelude, or the whole frame once its length is known. */
  private needed = PRELUDE;

  /** Bytes of a frame that has started but not finished. */
  get partialBytes(): number {
    return this.pendingLength;
  }

  /** The body ended: a frame left unfinished is `truncated`. */
  finish(): void {
    if (this.pendingLength > 0) {
      throw new ConverseStreamError({
        code: 'truncated',
        message: `The event stream ended inside a frame (${this.pendingLength} bytes of an unfinished frame).`,
      });
    }
  }

  push(chunk: Buffer, out: Buffer[]): void {
    let buf = chunk;
    if (this.pendingLength > 0) {
      this.parts.push(chunk);
      this.pendingLength += chunk.length;
      if (this.pendingLength < this.needed) return;
      buf = Buffer.concat(this.parts, this.pendingLength);
      this.parts = [];
      this.pendingLength = 0;
    }
    let offset = 0;
    let total = 0;
    while (buf.length - offset >= PRELUDE) {
      total = buf.readUInt32BE(offset);
      const preludeCrc = buf.readUInt32BE(offset + 8);
      if (crc32(buf.subarray(offset, offset + 8)) !== preludeCrc) {
        throw protocolError('prelude checksum mismatch');
      }
      if (total < MIN_FRAME || total > MAX_FRAME) throw protocolError(`impossible frame length ${total}`);
      if (buf.length - offset < total) break;
      out.push(buf.subarray(offset, offset + total));
      offset += total;
    }
    const rest = buf.length - offset;
    if (rest > 0) {
      this.parts = [buf.subarray(offset)];
      this.pendingLength = rest;
      this.needed = rest >= PRELUDE ? total : PRELUDE;
    }
  }
}

/** Checks the message CRC and reads the headers Bedrock sends (all strings). */
export function decodeFrame(frame: Buffer): DecodedFrame {
  const total = frame.length;
  const headersLength = frame.readUInt32BE(4);
  if (PRELUDE + headersLength > total - 4) throw protocolError('headers overrun the frame');
  const messageCrc = frame.readUInt32BE(total - 4);
  if (crc32(frame.subarray(0, total - 4)) !== messageCrc) throw protocolError('message checksum mismatch');

  let messageType = '';
  let eventType = '';
  let exceptionType = '';
  let errorCode = '';
  let errorMessage: string | undefined;
  let p = PRELUDE;
  const end = PRELUDE + headersLength;
  while (p < end) {
    const nameLength = frame[p]!;
    const name = frame.toString('latin1', p + 1, p + 1 + nameLength);
    p += 1 + nameLength;
    const type = frame[p++];
    let value: string | undefined;
    switch (type) {
      case 0:
      case 1:
        break;
      case 2:
        p += 1;
        break;
      case 3:
        p += 2;
        break;
      case 4:
        p += 4;
        break;
      case 5:
      case 8:
        p += 8;
        break;
      case 9:
        p += 16;
        break;
      case 6:
      case 7: {
        const length = frame.readUInt16BE(p);
        if (type === 7) value = frame.toString('utf8', p + 2, p + 2 + length);
        p += 2 + length;
        break;
      }
      default:
        throw protocolError(`unknown header type ${type} for ${name}`);
    }
    if (value === undefined) continue;
    if (name === ':message-type') messageType = value;
    else if (name === ':event-type') eventType = value;
    else if (name === ':exception-type') exceptionType = value;
    else if (name === ':error-code') errorCode = value;
    else if (name === ':error-message') errorMessage = value;
  }
  if (p !== end) throw protocolError('headers overrun their length');
  const payload = frame.subarray(end, total - 4);
  if (messageType === 'event') return { messageType, kind: eventType, payload };
  if (messageType === 'exception') return { messageType, kind: exceptionType, payload };
  if (messageType === 'error') {
    const decoded: DecodedFrame = { messageType, kind: errorCode, payload };
    if (errorMessage !== undefined) decoded.errorMessage = errorMessage;
    return decoded;
  }
  throw protocolError(`unknown :message-type "${messageType}"`);
}

/** Decodes a response body into frames; a body that stops inside a frame is `truncated`. */
export async function* decodeFrames(body: AsyncIterable<Uint8Array>): AsyncGenerator<DecodedFrame> {
  const splitter = new FrameSplitter();
  const frames: Buffer[] = [];
  for await (const chunk of body) {
    splitter.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length),
      frames,
    );
    for (let i = 0; i < frames.length; i++) yield decodeFrame(frames[i]!);
    frames.length = 0;
  }
  splitter.finish();
}
