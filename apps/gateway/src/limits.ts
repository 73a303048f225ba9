import type { IncomingMessage } from 'node:http';
import { GatewayError } from './errors.js';

/**
 * Reads a JSON request body, refusing more than `maxBytes` (from Content-Length up front, or while reading a
 * chunked body) so a large or endless upload cannot exhaust memory.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'];
  if (type !== undefined && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new GatewayError('unsupported_media_type', `Content-Type must be application/json, not '${type}'.`);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);

  const chunks = await readChunks(req, maxBytes);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '')
    throw new GatewayError('invalid_json', 'The request body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new GatewayError('invalid_json', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

/** Collects the body with plain events (cheaper than an async iterator on the hot path), up to `maxBytes`. */
function readChunks(req: IncomingMessage, maxBytes: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.resume(); // discard the rest; the 413 closes the connection
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks);
    };
    const onError = (err: Error) => {
      cleanup();
      reject(new GatewayError('invalid_request', `Reading the request body failed: ${err.message}`));
    };
    // A client that leaves mid-body must not leave this promise pending.
    const onClose = () => {
      cleanup();
      reject(new GatewayError('aborted', 'The client closed the connection before sending the whole body.'));
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError('payload_too_large', `The request body is larger than ${maxBytes} bytes.`);
}

/** Concurrent requests per caller; over the limit the caller gets 429 with Retry-After. */
export class ConcurrencyLimiter {
  private readonly active = new Map<string, number>();
  private max: number;

  constructor(max: number) {
    this.max = max;
  }

  setMax(max: number): void {
    this.max = max;
  }

  /** Takes a slot for `key` and returns its release (idempotent), or throws `concurrency_limit`. */
  acquire(key: string): () => void {
    const current = this.active.get(key) ?? 0;
    if (current >= this.max) {
      throw new GatewayError(
        'concurrency_limit',
        `Too many concurrent requests for this token (limit ${this.max}); retry when one finishes.`,
        { headers: { 'retry-after': '1' } },
      );
    }
    this.active.set(key, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.active.get(key) ?? 1) - 1;
      if (left <= 0) this.active.delete(key);
      else this.active.set(key, left);
    };
  }

  inUse(key: string): number {
    return this.active.get(key) ?? 0;
  }
}
