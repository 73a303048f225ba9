import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway } from '../src/index.js';
import {
  chatBody,
  JSON_HEADERS,
  raw,
  silentLogger,
  sseEvents,
  startTestGateway,
  type TestGateway,
  writeConfig,
} from './helpers.js';

const running: TestGateway[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
});

async function start(config: Record<string, unknown> = {}) {
  const t = await startTestGateway(config);
  running.push(t);
  return t;
}

async function firstModel(t: TestGateway, token?: string): Promise<string> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await raw(t.gateway.url, { path: '/v1/models', headers });
  const list = JSON.parse(res.body) as { data: { id: string }[] };
  return list.data.find((m) => m.id.includes('claude'))?.id ?? list.data[0]!.id;
}

describe('auth', () => {
  it('demands a configured bearer token (substituted from the environment)', async () => {
    const t = await start({ gateway: { auth: { tokens: ['literal-token-1'] } } });
    const noToken = await raw(t.gateway.url, { path: '/v1/models' });
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body).error.type).toBe('authentication_error');
    const wrong = await raw(t.gateway.url, { path: '/v1/models', headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const ok = await raw(t.gateway.url, {
      path: '/v1/models',
      headers: { authorization: 'Bearer literal-token-1' },
    });
    expect(ok.status).toBe(200);
    // Health stays open for load balancers.
    expect((await raw(t.gateway.url, { path: '/healthz' })).status).toBe(200);
  });

  it('refuses to bind a non-loopback address without tokens', async () => {
    await expect(
      startGateway({
        host: '0.0.0.0',
        port: 0,
        configPath: undefined,
        logger: silentLogger(),
        emulator: 'never',
        env: {},
        cwd: '/nonexistent',
        homeDir: '/nonexistent',
      }),
    ).rejects.toMatchObject({ code: 'insecure_bind' });
  });
});

describe('reload', () => {
  it('applies a new config, and rejects an invalid one with located errors while the old keeps serving', async () => {
    const t = await start({ gateway: { auth: { tokens: ['first'] } } });
    writeConfig(t.configPath, { gateway: { auth: { tokens: ['second'] } } });
    expect(await t.gateway.reload()).toEqual({ ok: true });
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    expect((await raw(t.gateway.url, { path: '/v1/models', headers: auth('first') })).status).toBe(401);
    expect((await raw(t.gateway.url, { path: '/v1/models', headers: auth('second') })).status).toBe(200);

    expect((await raw(t.gateway.url, { path: '/readyz' })).status).toBe(200);

    writeConfig(t.configPath, { gateway: { port: 1, auth: { tokens: ['second'] } } });
    expect(await t.gateway.reload()).toEqual({ ok: true, restartNeeded: ['gateway.port'] });

    writeConfig(t.configPath, { gateway: { limits: { maxBodyBytes: -5 } } });
    const rejected = await t.gateway.reload();
    expect(rejected.ok).toBe(false);
    expect(rejected.errors).toContain('gateway.limits.maxBodyBytes');
    expect(rejected.errors).toMatch(/outcrop\.json5:\d+:\d+/);
    expect((await raw(t.gateway.url, { path: '/v1/models', headers: auth('second') })).status).toBe(200);
  });
});

describe('drain', () => {
  it('lets an in-flight stream finish, refuses new work, then closes', async () => {
    const t = await start();
    const model = await firstModel(t);
    const slow = '[[scenario:{"eventDelayMs":20}]]';
    const pending = rawStream(
      t.gateway.url,
      chatBody(model, `one two three four five six ${slow}`, { stream: true }),
    );
    await pending.started;
    const closing = t.gateway.close({ drainTimeoutMs: 15_000 });
    const body = await pending.done;
    await closing;
    expect(sseEvents(body).at(-1)).toBe('[DONE]');
    await expect(raw(t.gateway.url, { path: '/healthz' })).rejects.toThrow();
  });

  it('after the drain timeout, tells remaining streams the gateway is shutting down', async () => {
    const t = await start();
    const model = await firstModel(t);
    const pending = rawStream(
      t.gateway.url,
      chatBody(model, 'stall [[scenario:{"stallAfterEvents":3}]]', { stream: true }),
    );
    await pending.started;
    await t.gateway.close({ drainTimeoutMs: 50 });
    const events = sseEvents(await pending.done) as { error?: { code: string } }[];
    expect(events.at(-1)?.error?.code).toBe('shutting_down');
    const entry = await t.emulator.journal.waitFor(
      (e) => e.operation === 'ConverseStream' && e.cancelled,
      10_000,
    );
    expect(entry.cancelled).toBe(true);
  });
});

function rawStream(url: string, body: string): { started: Promise<void>; done: Promise<string> } {
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const done = new Promise<string>((resolve, reject) => {
    const req = httpRequest(
      `${url}/v1/chat/completions`,
      { method: 'POST', headers: JSON_HEADERS },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          markStarted();
        });
        res.on('end', () => resolve(text));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return { started, done };
}
