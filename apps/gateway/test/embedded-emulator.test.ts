import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../src/index.js';
import { chatBody, JSON_HEADERS, raw, silentLogger } from './helpers.js';

// No AWS credentials anywhere: the gateway starts its own emulator and says so on every reply.
let gateway: Gateway;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'outcrop-no-creds-'));
  gateway = await startGateway({
    port: 0,
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir: home,
    cwd: home,
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await gateway?.close({ drainTimeoutMs: 0 });
  rmSync(home, { recursive: true, force: true });
});

describe('without AWS credentials', () => {
  it('serves the embedded emulator and says so in the banner, /v1/models and every reply header', async () => {
    // Ready from the start: models were listed before the gateway began to listen.
    const ready = await raw(gateway.url, { path: '/readyz' });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: 'ready', emulator: true });
    expect(gateway.usingEmulator).toBe(true);
    expect(gateway.emulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.banner).toContain('EMULATOR');

    const models = await raw(gateway.url, { path: '/v1/models' });
    expect(models.headers['x-outcrop-upstream']).toBe('emulator');
    const list = JSON.parse(models.body) as { emulator: boolean; data: { id: string; emulator: boolean }[] };
    expect(list.emulator).toBe(true);
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((m) => m.emulator)).toBe(true);

    const model = list.data.find((m) => m.id.includes('claude'))!.id;
    const reply = await raw(gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: JSON_HEADERS,
      body: chatBody(model, 'ping from the emulator'),
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-outcrop-upstream']).toBe('emulator');
    expect(JSON.parse(reply.body).choices[0].message.content).toContain('ping from the emulator');

    const missing = await raw(gateway.url, { path: '/nope' });
    expect(missing.headers['x-outcrop-upstream']).toBe('emulator');
  });

  it('binds 127.0.0.1 by default', () => {
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
