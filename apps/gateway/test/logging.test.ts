import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.js';
import { chatBody, JSON_HEADERS, raw, startTestGateway, type TestGateway } from './helpers.js';

const TOKEN = 'sk-outcrop-very-secret-token-4242';
const lines: string[] = [];
let t: TestGateway;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  t = await startTestGateway(
    { gateway: { auth: { tokens: [TOKEN] } } },
    { logger: createLogger({ level: 'debug', destination: sink }) },
  );
});

afterAll(async () => {
  await t?.stop();
});

describe('structured logs', () => {
  it('are JSON with a request id per request, and never contain a token or AWS secret', async () => {
    const auth = { authorization: `Bearer ${TOKEN}`, 'x-request-id': 'log-test-1' };
    const list = JSON.parse((await raw(t.gateway.url, { path: '/v1/models', headers: auth })).body);
    const model = list.data.find((m: { id: string }) => m.id.includes('claude')).id;
    await raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { ...JSON_HEADERS, ...auth },
      body: chatBody(model, 'log me'),
    });
    await raw(t.gateway.url, { path: '/v1/models', headers: { authorization: 'Bearer wrong-token-777' } });

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const forRequest = entries.filter((e) => e.reqId === 'log-test-1');
    expect(forRequest.length).toBeGreaterThan(0);
    expect(entries.some((e) => e.msg === 'request' && e.status === 401)).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain('wrong-token-777');
    expect(all).not.toContain(t.emulator.credentials.secretAccessKey);
  });
});
