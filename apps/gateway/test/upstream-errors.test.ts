// What a client hears when the upstream fails: never a 401 for the gateway's own AWS credentials (401 means the
// client's gateway key is wrong), and Bedrock's own failures as 502 naming the exception, not a 500.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../src/index.js';
import {
  chatBody,
  JSON_HEADERS,
  raw,
  silentLogger,
  startTestGateway,
  type TestGateway,
  writeConfig,
} from './helpers.js';

const MODEL = 'amazon-bedrock/amazon.nova-pro-v1:0';
const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;

describe("Bedrock's own failures", () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({}, {});
  });
  afterAll(() => t.stop());
  const post = (content: string) =>
    raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: JSON_HEADERS,
      body: chatBody(MODEL, content),
    });

  it('an InternalServerException before any content is a 502 naming it', async () => {
    const res = await post(
      'x [[scenario:{"httpError":{"status":500,"type":"InternalServerException","message":"boom"}}]]',
    );
    expect(res.status).toBe(502);
    expect(errorOf(res.body).message).toBe('Amazon Bedrock failed (InternalServerException): boom');
  });
});

describe("the gateway's own AWS credentials", () => {
  let emulator: Emulator;
  let gateway: Gateway;
  let dir: string;
  beforeAll(async () => {
    emulator = await startEmulator({
      credentials: [
        {
          accessKeyId: 'ASIAEXPIREDGATEWAY01',
          secretAccessKey: 'expired-gateway-secret-000000000000000001',
          sessionToken: 'expired-gateway-session-token-000000000001',
          expiresAt: new Date(Date.now() - 60_000),
        },
      ],
    });
    dir = mkdtempSync(join(tmpdir(), 'outcrop-expired-'));
    const configPath = join(dir, 'outcrop.json5');
    writeConfig(configPath, {
      models: {
        bedrockDiscovery: { enabled: false },
        providers: { 'amazon-bedrock': { models: [{ id: 'amazon.nova-pro-v1:0' }] } },
      },
    });
    gateway = await startGateway({
      configPath,
      port: 0,
      env: { ...emulator.env(), AWS_EC2_METADATA_DISABLED: 'true' },
      homeDir: dir,
      emulator: 'never',
      watchConfig: false,
      logger: silentLogger(),
    });
  });
  afterAll(async () => {
    await gateway?.close({ drainTimeoutMs: 0 });
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejected by Bedrock: 503 saying the gateway host’s credentials are at fault, never 401', async () => {
    const res = await raw(gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: JSON_HEADERS,
      body: chatBody(MODEL, 'hello'),
    });
    expect(res.status).not.toBe(401);
    expect(res.status).toBe(503);
    const error = errorOf(res.body);
    expect(error.code).toBe('upstream_credentials');
    expect(error.message).toMatch(/gateway's own AWS credentials/);
    expect(error.message).toBe(
      "The gateway's own AWS credentials failed (ExpiredTokenException): The security token included in the " +
        "request is expired. Fix the credentials of the gateway host; the client's gateway key is fine.",
    );
    expect(res.body).not.toContain('expired-gateway-secret');
  });
});
