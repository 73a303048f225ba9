import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors.js';
import { readJsonBody } from './limits.js';

const JSON_TYPE = { 'content-type': 'application/json' };

function body(chunks: string[], headers: Record<string, string> = JSON_TYPE): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), {
    headers,
  }) as unknown as IncomingMessage;
}

/** A body that never ends (an upload that stalled). */
function stalled(): IncomingMessage {
  const req = Object.assign(new Readable({ read() {} }), { headers: JSON_TYPE });
  req.push(Buffer.from('{"a":'));
  return req as unknown as IncomingMessage;
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
    const declared = body(['{}'], { ...JSON_TYPE, 'content-length': '5000' });
    expect((await failure(readJsonBody(declared, 100))).status).toBe(413);
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
    // No Content-Type at all is what a cross-site form or simple fetch could send: refused too.
    expect((await failure(readJsonBody(body(['{}'], {}), 100))).status).toBe(415);
    expect((await failure(readJsonBody(body(['{}'], { 'content-type': 'text/plain' }), 100))).status).toBe(
      415,
    );
  });

  it('refuses JSON nested deeper than the limit with a located 400', async () => {
    const deep = `{"tools":[{"function":{"parameters":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}}]}`;
    const err = await failure(readJsonBody(body([deep]), 1_000_000));
    expect(err.status).toBe(400);
    expect(err.param).toBe('tools[0].function.parameters');
  });

  it('gives a stalled body 408 after its timeout, and a drain ends the read with its reason', async () => {
    expect((await failure(readJsonBody(stalled(), 100, { timeoutMs: 20 }))).status).toBe(408);
    const controller = new AbortController();
    const pending = readJsonBody(stalled(), 100, { signal: controller.signal });
    controller.abort(new GatewayError('shutting_down', 'bye'));
    expect((await failure(pending)).code).toBe('shutting_down');
  });
});

describe('readJsonBody with a client that leaves', () => {
  it('rejects instead of waiting forever when the body never ends', async () => {
    const req = Object.assign(new Readable({ read() {} }), {
      headers: JSON_TYPE,
    }) as unknown as IncomingMessage;
    const pending = readJsonBody(req, 100);
    (req as unknown as Readable).push(Buffer.from('{"a":'));
    (req as unknown as Readable).destroy();
    expect((await failure(pending)).code).toBe('aborted');
  });
});
