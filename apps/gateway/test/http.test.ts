import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw, sseEvents, startTestGateway, type TestGateway } from './helpers.js';

let t: TestGateway;
let model: string;

beforeAll(async () => {
  t = await startTestGateway({ gateway: { limits: { maxBodyBytes: 4096, maxConcurrentPerToken: 2 } } });
  const list = JSON.parse((await raw(t.gateway.url, { path: '/v1/models' })).body) as {
    data: { id: string }[];
  };
  model = list.data.find((m) => m.id.includes('claude'))?.id ?? list.data[0]!.id;
});

afterAll(async () => {
  await t?.stop();
});

const post = (body: string | Buffer, headers: Record<string, string> = JSON_HEADERS) =>
  raw(t.gateway.url, { method: 'POST', path: '/v1/chat/completions', headers, body });

function errorOf(body: string): { message: string; type: string; param: string | null; code: string } {
  return (
    JSON.parse(body) as { error: { message: string; type: string; param: string | null; code: string } }
  ).error;
}

describe('malformed input gets OpenAI-style errors', () => {
  it('invalid JSON -> 400 invalid_json', async () => {
    const res = await post('{"model": ');
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toMatchObject({
      type: 'invalid_request_error',
      code: 'invalid_json',
      param: null,
    });
  });

  it('a wrong field -> 400 naming the parameter', async () => {
    const res = await post(JSON.stringify({ model, messages: [{ role: 'user', content: 1 }] }));
    expect(res.status).toBe(400);
    expect(errorOf(res.body).param).toBe('messages[0].content');
  });

  it('an empty user message -> 400 naming that message, not a claim that messages is empty', async () => {
    const res = await post(
      JSON.stringify({
        model,
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: '  ' },
        ],
      }),
    );
    expect(res.status).toBe(400);
    expect(errorOf(res.body)).toMatchObject({ code: 'invalid_request', param: 'messages[2].content' });
    expect(errorOf(res.body).message).toBe(
      'messages[2] has no content: Bedrock rejects empty user messages.',
    );
  });

  it('an unknown model -> 404 unknown_model naming the model parameter', async () => {
    const res = await post(chatBody('amazon-bedrock/no.such-model-v9', 'hi'));
    expect(res.status).toBe(404);
    expect(errorOf(res.body)).toMatchObject({
      type: 'not_found_error',
      code: 'unknown_model',
      param: 'model',
    });
  });

  it('a non-JSON content type -> 415', async () => {
    expect((await post('model=x', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('unknown routes -> 404, wrong methods -> 405 with Allow', async () => {
    expect((await raw(t.gateway.url, { path: '/v1/nope' })).status).toBe(404);
    // GET on a POST-only model route: /v1/embeddings exists now.
    expect((await raw(t.gateway.url, { path: '/v1/embeddings' })).status).toBe(405);
    const wrong = await raw(t.gateway.url, { path: '/v1/chat/completions' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST');
  });
});

// The gateway is configured above with maxBodyBytes 4096: a body of exactly 4096 bytes is served, one byte more is
// refused with 413 (RFC 9110 15.5.14 Content Too Large), whether the size is declared or only seen while reading.
describe('the body limit over HTTP', () => {
  const LIMIT = 4096;
  const bodyOfBytes = (bytes: number) => {
    const text = chatBody(model, 'x'.repeat(bytes - Buffer.byteLength(chatBody(model, ''))));
    expect(Buffer.byteLength(text)).toBe(bytes);
    return text;
  };
  const tooLarge = {
    error: {
      message: 'The request body is larger than 4096 bytes.',
      type: 'invalid_request_error',
      param: null,
      code: 'payload_too_large',
    },
  };

  it('serves a body of exactly the limit', async () => {
    const res = await post(bodyOfBytes(LIMIT));
    expect(res.status).toBe(200);
  });

  it('refuses one byte over the limit, declared in Content-Length, with 413', async () => {
    const res = await post(bodyOfBytes(LIMIT + 1));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual(tooLarge);
  });

  it('refuses one byte over the limit sent chunked, without Content-Length, with 413', async () => {
    const body = Buffer.from(bodyOfBytes(LIMIT + 1));
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${t.gateway.url}/v1/chat/completions`,
        { method: 'POST', headers: { ...JSON_HEADERS, 'transfer-encoding': 'chunked' } },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () =>
            resolve({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          r.on('error', reject);
        },
      );
      req.on('error', reject);
      for (let at = 0; at < body.length; at += 1000) req.write(body.subarray(at, at + 1000));
      req.end();
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual(tooLarge);
  });
});

describe('every reply says where it came from', () => {
  it('carries a request id (echoing a safe incoming one) and the upstream header', async () => {
    const res = await raw(t.gateway.url, { path: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-outcrop-upstream']).toBe('bedrock');
    const unsafe = await raw(t.gateway.url, { path: '/healthz', headers: { 'x-request-id': 'a b\tc' } });
    expect(unsafe.headers['x-request-id']).not.toBe('a b\tc');
  });

  it('readyz is 200 once models are known', async () => {
    const res = await raw(t.gateway.url, { path: '/readyz' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ready' });
  });
});

describe('streaming over raw HTTP', () => {
  it('streams SSE chunks ending in [DONE]', async () => {
    const res = await post(chatBody(model, 'alpha beta gamma', { stream: true }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/event-stream');
    const events = sseEvents(res.body);
    expect(events.at(-1)).toBe('[DONE]');
    const text = events
      .filter((e): e is { choices: { delta: { content?: string } }[] } => typeof e === 'object')
      .map((e) => e.choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toContain('alpha beta gamma');
  });

  it('a mid-stream failure ends with an error event and no [DONE] or finish_reason', async () => {
    const marker = '[[scenario:{"streamException":{"type":"internalServerException","afterEvents":3}}]]';
    const res = await post(chatBody(model, `one two three four five six ${marker}`, { stream: true }));
    const events = sseEvents(res.body) as Record<string, unknown>[];
    expect(res.status).toBe(200); // headers went out with the first chunk
    // OpenAI's error object: { message, type, param, code }; Bedrock's InternalServerException is the
    // upstream's fault, not the gateway's: `upstream_error` naming the exception (500 is kept for gateway bugs).
    expect(events.at(-1)).toEqual({
      error: {
        message:
          'Amazon Bedrock failed (InternalServerException): The system encountered an unexpected error during ' +
          'processing. Try your request again.',
        type: 'api_error',
        param: null,
        code: 'upstream_error',
      },
    });
    expect(events).not.toContain('[DONE]');
    const finishes = events.flatMap((e) =>
      Array.isArray(e.choices)
        ? (e.choices as { finish_reason: string | null }[]).map((c) => c.finish_reason)
        : [],
    );
    expect(finishes.filter((f) => f !== null)).toEqual([]);
  });
});

describe('limits', () => {
  it('answers 429 with Retry-After over the per-token concurrency limit', async () => {
    const stall = '[[scenario:{"stallAfterEvents":2}]]';
    const held = await Promise.all([
      openStream(chatBody(model, `a ${stall}`, { stream: true })),
      openStream(chatBody(model, `b ${stall}`, { stream: true })),
    ]);
    const third = await post(chatBody(model, 'c'));
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('1');
    expect(errorOf(third.body).type).toBe('rate_limit_error');
    for (const h of held) h.close();
  });
});

describe('cancellation', () => {
  it('a client that disconnects cancels the upstream stream', async () => {
    t.emulator.journal.clear();
    const stream = await openStream(
      chatBody(model, 'wait for me [[scenario:{"stallAfterEvents":2}]]', { stream: true }),
    );
    stream.close();
    const entry = await t.emulator.journal.waitFor(
      (e) => e.operation === 'ConverseStream' && e.cancelled,
      10_000,
    );
    expect(entry.cancelled).toBe(true);
  });
});

describe('cancellation of a non-streaming request', () => {
  it('cancels upstream when the client leaves before the answer', async () => {
    t.emulator.journal.clear();
    const req = httpRequest(`${t.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: JSON_HEADERS,
    });
    req.on('error', () => {});
    req.end(chatBody(model, 'never mind [[scenario:{"stallAfterEvents":2}]]'));
    await t.emulator.journal.waitFor((e) => e.operation === 'ConverseStream', 10_000);
    req.destroy();
    const entry = await t.emulator.journal.waitFor(
      (e) => e.operation === 'ConverseStream' && e.cancelled,
      10_000,
    );
    expect(entry.cancelled).toBe(true);
  });
});

describe('upstream throttling', () => {
  it('answers 429 with Retry-After once the upstream retries are spent', async () => {
    const res = await post(chatBody(model, 'busy [[scenario:{"throttleAttempts":20}]]'));
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(errorOf(res.body)).toMatchObject({ type: 'rate_limit_error', code: 'throttled' });
  });
});

describe('provider warnings', () => {
  it('names settings the model could not honour in x-outcrop-warnings', async () => {
    const list = JSON.parse((await raw(t.gateway.url, { path: '/v1/models' })).body) as {
      data: { id: string; capabilities: { reasoning: boolean } }[];
    };
    const plain = list.data.find((m) => m.id.includes('claude-3-haiku') && !m.capabilities.reasoning)!.id;
    const res = await post(chatBody(plain, 'think hard', { reasoning_effort: 'high', stream: true }));
    expect(res.status).toBe(200);
    // Named as the caller sent it (reasoning_effort), not by the provider's internal name.
    expect(res.headers['x-outcrop-warnings']).toBe('unsupported-setting(reasoning_effort)');
    const clean = await post(chatBody(plain, 'no reasoning asked'));
    expect(clean.headers['x-outcrop-warnings']).toBeUndefined();
  });
});

describe('one model', () => {
  it('GET /v1/models/{provider/id} returns its entry, and 404 for an unknown one', async () => {
    const res = await raw(t.gateway.url, { path: `/v1/models/${model}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ id: model, object: 'model', emulator: false });
    expect((await raw(t.gateway.url, { path: '/v1/models/amazon-bedrock/nope' })).status).toBe(404);
  });
});

describe('metrics', () => {
  it('exposes requests by model and status, TTFT, tokens and active streams', async () => {
    await post(chatBody(model, 'metrics please'));
    const res = await raw(t.gateway.url, { path: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    const modelLabel = `model="${model}"`;
    expect(res.body).toMatch(
      new RegExp(`outcrop_gateway_requests_total\\{[^}]*${escapeRegExp(modelLabel)}[^}]*status="200"`),
    );
    expect(res.body).toContain('outcrop_gateway_time_to_first_token_seconds_bucket');
    expect(res.body).toMatch(/outcrop_gateway_tokens_total\{direction="output"[^}]*\} [1-9]/);
    expect(res.body).toMatch(/outcrop_gateway_upstream_errors_total\{code="[a-z_]+"\} [1-9]/);
    expect(res.body).toMatch(/outcrop_gateway_active_streams \d/);
  });

  it('labels the duration histogram with the same route as the request counter, so they join', async () => {
    await post(chatBody(model, 'route labels'));
    const body = (await raw(t.gateway.url, { path: '/metrics' })).body;
    const routes = (metric: string) =>
      new Set([...body.matchAll(new RegExp(`^${metric}\\{[^}]*route="([^"]+)"`, 'gm'))].map((m) => m[1]));
    const durationRoutes = routes('outcrop_gateway_request_duration_seconds_count');
    expect(durationRoutes.size).toBeGreaterThan(0);
    for (const route of durationRoutes) expect(routes('outcrop_gateway_requests_total')).toContain(route);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opens a streaming request and resolves once the first bytes of the body arrive. */
function openStream(body: string): Promise<{ close(): void; text(): string }> {
  return new Promise((resolve, reject) => {
    let received = '';
    const req = httpRequest(
      `${t.gateway.url}/v1/chat/completions`,
      { method: 'POST', headers: JSON_HEADERS },
      (res) => {
        res.on('data', (chunk: Buffer) => {
          const first = received === '';
          received += chunk.toString('utf8');
          if (first) resolve({ close: () => req.destroy(), text: () => received });
        });
        res.on('error', () => {});
      },
    );
    req.on('error', (err) => {
      if (received === '') reject(err);
    });
    req.end(body);
  });
}
