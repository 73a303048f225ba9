import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw, startTestGateway, type TestGateway } from './helpers.js';

// A web page the user opens must not spend their quota through a local gateway: POSTs need a JSON content type
// (which a form or a simple fetch cannot send), Host must be a name the gateway serves (DNS rebinding), and a
// browser Origin must be on the configured allowlist.
const ALLOWED = 'https://app.example.test';
let t: TestGateway;
let model: string;
let port: string;

beforeAll(async () => {
  t = await startTestGateway({
    gateway: { allowedHosts: ['gateway.internal.test'], cors: { allowedOrigins: [ALLOWED] } },
  });
  port = new URL(t.gateway.url).port;
  const list = JSON.parse((await raw(t.gateway.url, { path: '/v1/models' })).body) as {
    data: { id: string }[];
  };
  model = list.data.find((m) => m.id.includes('claude'))?.id ?? list.data[0]!.id;
});
afterAll(async () => {
  await t?.stop();
});

const post = (headers: Record<string, string>) =>
  raw(t.gateway.url, { method: 'POST', path: '/v1/chat/completions', headers, body: chatBody(model, 'hi') });

describe('content type', () => {
  it('refuses a POST without Content-Type or with text/plain (415), before calling the model', async () => {
    const before = t.emulator.journal.entries().length;
    const none = await post({});
    expect(none.status).toBe(415);
    expect(JSON.parse(none.body).error.code).toBe('unsupported_media_type');
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect(t.emulator.journal.entries().length).toBe(before);
    expect((await post(JSON_HEADERS)).status).toBe(200);
  });
});

describe('Host', () => {
  it('serves loopback names, the bind address and configured hosts, and refuses others (421)', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'gateway.internal.test', `[::1]:${port}`]) {
      expect((await raw(t.gateway.url, { path: '/v1/models', headers: { host } })).status, host).toBe(200);
    }
    for (const host of [
      `attacker.example:${port}`,
      'localhost.attacker.example',
      'gateway.internal.test.evil',
    ]) {
      const res = await raw(t.gateway.url, { path: '/v1/models', headers: { host } });
      expect(res.status, host).toBe(421);
      expect(JSON.parse(res.body).error.code).toBe('misdirected_request');
    }
    const rebound = await post({ ...JSON_HEADERS, host: `rebind.attacker.example:${port}` });
    expect(rebound.status).toBe(421);
  });
});

describe('Origin', () => {
  it('refuses a foreign Origin (403) and answers an allowed one with CORS headers', async () => {
    const foreign = await post({ ...JSON_HEADERS, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('origin_not_allowed');
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const opaque = await raw(t.gateway.url, { path: '/v1/models', headers: { origin: 'null' } });
    expect(opaque.status).toBe(403);

    const allowed = await post({ ...JSON_HEADERS, origin: ALLOWED });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(allowed.headers.vary).toMatch(/origin/i);
    expect(allowed.headers['access-control-expose-headers']).toMatch(/x-request-id/);
  });

  it('answers a preflight only for an allowed origin', async () => {
    const preflight = (origin: string) =>
      raw(t.gateway.url, {
        method: 'OPTIONS',
        path: '/v1/chat/completions',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight(ALLOWED);
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(ok.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(ok.headers['access-control-allow-headers']).toMatch(/authorization/i);
    expect(ok.headers['access-control-allow-headers']).toMatch(/content-type/i);
    expect(ok.headers.vary).toMatch(/origin/i);

    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it("accepts the gateway's own pages (Origin is the Host it serves), but not a rebinding page's", async () => {
    const own = await post({ ...JSON_HEADERS, origin: `http://127.0.0.1:${port}` });
    expect(own.status).toBe(200);
    expect(own.headers['access-control-allow-origin']).toBeUndefined();
    const otherPort = await post({ ...JSON_HEADERS, origin: `http://127.0.0.1:${Number(port) + 1}` });
    expect(otherPort.status).toBe(403);
    const rebound = await post({
      ...JSON_HEADERS,
      host: `rebind.attacker.example:${port}`,
      origin: `http://rebind.attacker.example:${port}`,
    });
    expect(rebound.status).toBe(421);
  });

  it('allows no origin at all by default', async () => {
    const plain = await startTestGateway({});
    try {
      const res = await raw(plain.gateway.url, { path: '/v1/models', headers: { origin: ALLOWED } });
      expect(res.status).toBe(403);
      expect((await raw(plain.gateway.url, { path: '/v1/models' })).status).toBe(200);
    } finally {
      await plain.stop();
    }
  });
});
