import { crc32, crc32Range } from './crc32.js';
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
    let offset = 0;
    if (this.pendingLength > 0) {
      offset = this.completePending(chunk, out);
      if (this.pendingLength > 0) return;
    }
    let total = 0;
    while (chunk.length - offset >= PRELUDE) {
      total = checkedLength(chunk, offset);
      if (chunk.length - offset < total) break;
      out.push(chunk.subarray(offset, offset + total));
      offset += total;
    }
    const rest = chunk.length - offset;
    if (rest > 0) {
      this.parts = [chunk.subarray(offset)];
      this.pendingLength = rest;
      this.needed = rest >= PRELUDE ? total : PRELUDE;
    }
  }

  /**
   * Finishes the frame left unfinished by earlier chunks with only the bytes of `chunk` it needs, so the
   * frames after it stay views into `chunk` (copying the whole chunk cost a copy of every byte received
   * when frames straddle chunk boundaries, as they usually do). Returns the bytes of `chunk` used.
   */
  private completePending(chunk: Buffer, out: Buffer[]): number {
    let used = 0;
    if (this.pendingLength < PRELUDE) {
      used = Math.min(PRELUDE - this.pendingLength, chunk.length);
      this.parts.push(chunk.subarray(0, used));
      this.pendingLength += used;
      if (this.pendingLength < PRELUDE) return used;
      const prelude = Buffer.concat(this.parts, PRELUDE);
      this.parts = [prelude];
      this.needed = checkedLength(prelude, 0);
    }
    const take = Math.min(this.needed - this.pendingLength, chunk.length - used);
    this.parts.push(chunk.subarray(used, used + take));
    this.pendingLength += take;
    used += take;
    if (this.pendingLength < this.needed) return used;
    out.push(Buffer.concat(this.parts, this.needed));
    this.parts = [];
    this.pendingLength = 0;
    this.needed = PRELUDE;
    return used;
  }
}

/** The total length announced by the prelude at `offset`, once its CRC and bounds check out. */
function checkedLength(buf: Buffer, offset: number): number {
  const total = buf.readUInt32BE(offset);
  // The 8 bytes of the prelude with the portable CRC: cheaper than a view plus a native call per frame.
  if (crc32Range(buf, offset, offset + 8) !== buf.readUInt32BE(offset + 8)) {
    throw protocolError('prelude checksum mismatch');
  }
  if (total < MIN_FRAME || total > MAX_FRAME) throw protocolError(`impossible frame length ${total}`);
  return total;
}

/**
 * The last header block a stream decoded and what it said. Bedrock repeats the same few blocks (one per event
 * type) frame after frame, so one byte comparison usually replaces reading three headers into strings.
 */
export interface HeaderMemo {
  block?: Buffer;
  frame?: Omit<DecodedFrame, 'payload'>;
}

/** Checks the message CRC and reads the headers Bedrock sends (all strings). */
export function decodeFrame(frame: Buffer, memo?: HeaderMemo): DecodedFrame {
  const total = frame.length;
  const headersLength = frame.readUInt32BE(4);
  if (PRELUDE + headersLength > total - 4) throw protocolError('headers overrun the frame');
  const messageCrc = frame.readUInt32BE(total - 4);
  if (crc32(frame.subarray(0, total - 4)) !== messageCrc) throw protocolError('message checksum mismatch');
  const end = PRELUDE + headersLength;
  const payload = frame.subarray(end, total - 4);
  const known = memo?.block;
  if (known && known.length === headersLength && frame.compare(known, 0, headersLength, PRELUDE, end) === 0) {
    const { messageType, kind, errorMessage } = memo.frame!;
    return errorMessage === undefined
      ? { messageType, kind, payload }
      : { messageType, kind, errorMessage, payload };
  }
  const headers = readHeaders(frame, end);
  if (memo) {
    // A copy, so the memo does not keep the whole received chunk alive.
    memo.block = Buffer.from(frame.subarray(PRELUDE, end));
    memo.frame = headers;
  }
  return { ...headers, payload };
}

function readHeaders(frame: Buffer, end: number): Omit<DecodedFrame, 'payload'> {
  let messageType = '';
  let eventType = '';
  let exceptionType = '';
  let errorCode = '';
  let errorMessage: string | undefined;
  let p = PRELUDE;
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
  if (messageType === 'event') return { messageType, kind: eventType };
  if (messageType === 'exception') return { messageType, kind: exceptionType };
  if (messageType === 'error') {
    return errorMessage === undefined
      ? { messageType, kind: errorCode }
      : { messageType, kind: errorCode, errorMessage };
  }
  throw protocolError(`unknown :message-type "${messageType}"`);
}

/** Decodes a response body into frames; a body that stops inside a frame is `truncated`. */
export async function* decodeFrames(body: AsyncIterable<Uint8Array>): AsyncGenerator<DecodedFrame> {
  const splitter = new FrameSplitter();
  const frames: Buffer[] = [];
  const memo: HeaderMemo = {};
  for await (const chunk of body) {
    splitter.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length),
      frames,
    );
    for (let i = 0; i < frames.length; i++) yield decodeFrame(frames[i]!, memo);
    frames.length = 0;
  }
  splitter.finish();
}
