import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../src/index.js';
import { chatBody, JSON_HEADERS, raw, silentLogger, writeConfig } from './helpers.js';

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

describe('the emulator fallback (one rule, in createOutcrop)', () => {
  it('answers from the emulator when there are no credentials, even with a configured baseUrl', async () => {
    // The reproduction: no credentials and `baseUrl: "http://127.0.0.1:9"` (nothing listens there).
    const dir = mkdtempSync(join(tmpdir(), 'outcrop-baseurl-'));
    const configPath = join(dir, 'outcrop.json5');
    writeConfig(configPath, {
      models: { providers: { 'amazon-bedrock': { baseUrl: 'http://127.0.0.1:9', models: [] } } },
    });
    const local = await startGateway({
      port: 0,
      configPath,
      env: { AWS_EC2_METADATA_DISABLED: 'true' },
      homeDir: dir,
      cwd: dir,
      watchConfig: false,
      logger: silentLogger(),
    });
    try {
      expect(local.usingEmulator).toBe(true);
      const reply = await raw(local.url, {
        method: 'POST',
        path: '/v1/chat/completions',
        headers: JSON_HEADERS,
        body: chatBody('amazon-bedrock/amazon.nova-pro-v1:0', 'answered by the emulator'),
      });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body).choices[0].message.content).toContain('answered by the emulator');
    } finally {
      await local.close({ drainTimeoutMs: 0 });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves an unprefixed id that Bedrock offers only through an inference profile', async () => {
    const reply = await raw(gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: JSON_HEADERS,
      body: chatBody('anthropic.claude-sonnet-4-5-20250929-v1:0', 'profile only'),
    });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).choices[0].message.content).toContain('profile only');
  });

  it('refuses to start without credentials on an address other machines can reach, saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcrop-remote-'));
    const configPath = join(dir, 'outcrop.json5');
    writeConfig(configPath, { gateway: { auth: { tokens: ['remote-test-token-0123456789abcdef'] } } });
    try {
      await expect(
        startGateway({
          host: '0.0.0.0',
          port: 0,
          configPath,
          watchConfig: false,
          env: { AWS_EC2_METADATA_DISABLED: 'true' },
          homeDir: dir,
          cwd: dir,
          logger: silentLogger(),
        }),
      ).rejects.toMatchObject({ code: 'no_credentials', message: expect.stringMatching(/other machines/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
