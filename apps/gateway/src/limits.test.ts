import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors.js';
import { ConcurrencyLimiter, readJsonBody } from './limits.js';

function body(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), {
    headers,
  }) as unknown as IncomingMessage;
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const err = await promise.catch((e: unknown) => e);
  if (err instanceof GatewayError) return err;
  throw new Error(`expected a GatewayError, got ${String(err)}`);
}

describe('readJsonBody', () => {
  it('parses a JSON body sent in pieces', async () => {
    expect(await readJsonBody(body(['{"a":', '1}'], { 'content-type': 'application/json' }), 100)).toEqual({
      a: 1,
    });
  });

  it('refuses an oversized body by Content-Length and while reading a chunked one', async () => {
    expect((await failure(readJsonBody(body(['{}'], { 'content-length': '5000' }), 100))).status).toBe(413);
    expect((await failure(readJsonBody(body(['{"a":"', 'x'.repeat(200), '"}']), 100))).code).toBe(
      'payload_too_large',
    );
  });

  it('answers malformed, empty and non-JSON bodies with located 4xx errors', async () => {
    expect((await failure(readJsonBody(body(['{"a":']), 100))).code).toBe('invalid_json');
    expect((await failure(readJsonBody(body(['  ']), 100))).code).toBe('invalid_json');
    const form = await failure(
      readJsonBody(body(['a=1'], { 'content-type': 'application/x-www-form-urlencoded' }), 100),
    );
    expect(form.status).toBe(415);
  });
});

describe('ConcurrencyLimiter', () => {
  it('limits each key separately and answers 429 with Retry-After', () => {
    const limiter = new ConcurrencyLimiter(2);
    const a1 = limiter.acquire('a');
    limiter.acquire('a');
    const denied = (() => {
      try {
        limiter.acquire('a');
      } catch (err) {
        return err as GatewayError;
      }
      return undefined;
    })();
    expect(denied?.status).toBe(429);
    expect(denied?.headers['retry-after']).toBe('1');
    expect(() => limiter.acquire('b')).not.toThrow();
    a1();
    a1(); // releasing twice frees one slot only
    expect(limiter.inUse('a')).toBe(1);
    expect(() => limiter.acquire('a')).not.toThrow();
  });
});

describe('readJsonBody with a client that leaves', () => {
  it('rejects instead of waiting forever when the body never ends', async () => {
    const req = Object.assign(new Readable({ read() {} }), { headers: {} }) as unknown as IncomingMessage;
    const pending = readJsonBody(req, 100);
    (req as unknown as Readable).push(Buffer.from('{"a":'));
    (req as unknown as Readable).destroy();
    expect((await failure(pending)).code).toBe('aborted');
  });
});
