import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.js';
import { JSON_HEADERS, raw, startTestGateway, type TestGateway } from './helpers.js';

const SECRET = 'qs-secret-value-8d1f';
const lines: string[] = [];
let t: TestGateway;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  t = await startTestGateway({}, { logger: createLogger({ level: 'debug', destination: sink }) });
});
afterAll(async () => {
  await t?.stop();
});

/** A tool whose `parameters` schema nests `depth` objects, built as text (no recursion on our side either). */
function deepToolBody(model: string, depth: number): string {
  const open = '{"type":"object","properties":{"a":'.repeat(depth);
  const close = '}}'.repeat(depth);
  return `{"model":${JSON.stringify(model)},"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"deep","parameters":${open}{"type":"string"}${close}}}]}`;
}

describe('deeply nested JSON', () => {
  it('is a located 400, not a 500', async () => {
    const list = JSON.parse((await raw(t.gateway.url, { path: '/v1/models' })).body) as {
      data: { id: string }[];
    };
    const model = list.data.find((m) => m.id.includes('claude'))?.id ?? list.data[0]!.id;
    const res = await raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: JSON_HEADERS,
      body: deepToolBody(model, 5_000),
    });
    expect(res.status).toBe(400);
    const error = JSON.parse(res.body).error as { code: string; message: string; param: string };
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe('tools[0].function.parameters');
    expect(error.message).toMatch(
      /nested deeper than \d+ levels at tools\[0\]\.function\.parameters\.properties/,
    );
    // The gateway is still serving.
    expect((await raw(t.gateway.url, { path: '/healthz' })).status).toBe(200);
  });
});

describe('deeply nested JSON inside tool call arguments', () => {
  it('is a located 400, not a 500', async () => {
    const list = JSON.parse((await raw(t.gateway.url, { path: '/v1/models' })).body) as {
      data: { id: string }[];
    };
    const model = list.data.find((m) => m.id.includes('claude'))?.id ?? list.data[0]!.id;
    const args = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const body = JSON.stringify({
      model,
      messages: [
        { role: 'user', content: 'call it' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'deep', arguments: args } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'done' },
      ],
      tools: [{ type: 'function', function: { name: 'deep', parameters: { type: 'object' } } }],
    });
    const res = await raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: JSON_HEADERS,
      body,
    });
    expect(res.status).toBe(400);
    const error = JSON.parse(res.body).error as { code: string; param: string };
    expect(error.code).toBe('invalid_request');
    expect(error.param).toBe('messages[1].tool_calls[0].function.arguments');
  });
});

describe('request logs', () => {
  it('never write a query string verbatim', async () => {
    await raw(t.gateway.url, { path: `/v1/models?api_key=${SECRET}` });
    await raw(t.gateway.url, { path: `/v1/nowhere?token=${SECRET}&x=1` });
    await raw(t.gateway.url, { path: `/healthz?${SECRET}` });
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.map((e) => e.path)).toContain('/v1/models');
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
