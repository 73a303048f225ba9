// Secrets: the keys, session token, Bedrock API key and gateway token placed in env and config never appear
// in a log line, an HTTP response or CLI output, on the paths most likely to leak them: auth failures,
// config errors about a substituted value, config display, status and doctor output, provider errors.
// (Every other reliability file scans its own capture too.)
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Emulator } from '@outcrop/bedrock-emulator';
import { ConfigError, parseConfig } from '@outcrop/config-schema';
import { closeConverseClients } from '@outcrop/converse-stream';
import { resolveBedrockConnection } from '@outcrop/credentials';
import type { StreamPart } from '@outcrop/provider';
import { createBedrockProvider } from '@outcrop/provider/bedrock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../../src/spawn-node.js';
import { cliEnv, cliMain } from '../../src/workspace.js';
import { MODEL_ID, MODEL_REF, startSecretEmulator } from './support/emulator.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { createCapture, errorText, expectNoSecrets, SECRETS } from './support/secrets.js';
import { chatBody, postJson } from './support/sse.js';

const capture = createCapture();
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startSecretEmulator();
});
afterAll(async () => {
  closeConverseClients();
  await emulator?.stop();
  expectNoSecrets(capture);
});

function getText(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

describe('gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway(emulator, capture);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('refuses a near-miss token without echoing either token', async () => {
    const near = `${SECRETS.gatewayToken.slice(0, -1)}X`;
    for (const authorization of [
      `Bearer ${near}`,
      SECRETS.gatewayToken,
      `Basic ${SECRETS.gatewayToken}`,
      '',
    ]) {
      const res = await postJson(gw.url, '/v1/chat/completions', chatBody(MODEL_REF, 'hi', false), {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
      });
      capture.add(`gateway 401 body (${res.status})`, `${JSON.stringify(res.headers)}\n${res.body}`);
      expect(res.status).toBe(401);
      expect(res.body).not.toContain(near.slice(8));
    }
  });

  it('serves a completion, models, metrics and health without exposing upstream credentials', async () => {
    const ok = await postJson(
      gw.url,
      '/v1/chat/completions',
      chatBody(MODEL_REF, 'hello secrets', false),
      gw.headers,
    );
    capture.add('gateway completion', `${JSON.stringify(ok.headers)}\n${ok.body}`);
    expect(ok.status).toBe(200);
    for (const route of ['/healthz', '/readyz', '/metrics']) {
      const res = await getText(`${gw.url}${route}`);
      capture.add(`gateway ${route}`, res.body);
      expect(res.status).toBe(200);
    }
    const models = await postJson(gw.url, '/v1/models', '', {
      authorization: gw.headers.authorization!,
    }).catch(() => undefined);
    if (models) capture.add('gateway /v1/models (POST)', models.body);
  });

  it('an upstream auth failure reaches the client typed, without the key that failed', async () => {
    const prompt = `[[scenario:${JSON.stringify({ httpError: { status: 403, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' } })}]]`;
    const res = await postJson(gw.url, '/v1/chat/completions', chatBody(MODEL_REF, prompt), gw.headers);
    capture.add('gateway upstream auth failure', res.body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { message: expect.any(String) } });
  });
});

describe('config', () => {
  it('a config error about a substituted secret names the place, not the value', () => {
    const env = { OUTCROP_GATEWAY_TOKEN: SECRETS.gatewayToken, AWS_BEARER: SECRETS.bearerToken };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own env substitution syntax
    const text = '{ gateway: { port: "${OUTCROP_GATEWAY_TOKEN}", host: "${AWS_BEARER}" } }';
    let error: unknown;
    try {
      parseConfig(text, { fileName: 'secret.json5', env });
    } catch (caught) {
      error = caught;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    capture.add('config error', errorText(error));
    expect((error as ConfigError).issues.some((issue) => issue.path.includes('port'))).toBe(true);
  });
});

describe('provider', () => {
  it('keys the emulator rejects fail typed, without the secret key', async () => {
    // An unknown key id (a new identity, so no pooled client of an accepted key is reused) with the secret.
    const connection = await resolveBedrockConnection({
      env: { ...emulator.env(), AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNRELIABLE9' },
      homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-secrets-home-')),
    });
    const provider = createBedrockProvider({ connection, transport: { maxAttempts: 1 } });
    const parts: StreamPart[] = [];
    for await (const part of provider.stream(
      { provider: 'amazon-bedrock', api: 'bedrock-converse-stream', id: MODEL_ID },
      { messages: [{ role: 'user', content: 'hi' }] },
    )) {
      parts.push(part);
    }
    const last = parts.at(-1);
    expect(last).toMatchObject({ type: 'error', error: { code: 'authentication' } });
    capture.add('provider auth error', errorText(last?.type === 'error' ? last.error : undefined));
    capture.add('provider auth parts', JSON.stringify(parts));
  });
});

describe('cli', () => {
  let home: string;
  let env: Record<string, string>;
  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'outcrop-secrets-cli-'));
    mkdirSync(path.join(home, '.outcrop'), { recursive: true });
    writeFileSync(
      path.join(home, '.outcrop', 'config.json5'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own env substitution syntax
      "{ gateway: { auth: { tokens: ['${OUTCROP_GATEWAY_TOKEN}', 'literal-" +
        SECRETS.gatewayToken +
        "'] } } }",
    );
    env = cliEnv(home, { OUTCROP_GATEWAY_TOKEN: SECRETS.gatewayToken, ...emulator.env() });
  });

  it.each([
    [['config', 'show']],
    [['config', 'show', '--json']],
    [['config', 'validate', '--json']],
    [['models', 'status']],
    [['models', 'status', '--json']],
    [['doctor', '--json']],
    [['models', 'list', '--json']],
    [['chat', '-m', MODEL_REF, 'hello from the secrets test']],
    [
      [
        '--debug',
        'chat',
        '-m',
        MODEL_REF,
        `[[scenario:{"httpError":{"status":403,"type":"AccessDeniedException"}}]]`,
      ],
    ],
  ])('outcrop %j prints no secret', async (args) => {
    const run = await runNode([cliMain(), ...args], { env, cwd: home, killAfterMs: 30_000 });
    capture.add(`cli ${args.join(' ')} stdout`, run.stdout);
    capture.add(`cli ${args.join(' ')} stderr`, run.stderr);
    expect(run.signal).toBeNull();
    expect(run.stdout.length + run.stderr.length).toBeGreaterThan(0);
  });

  it('with a Bedrock API key instead of keys, status and chat print no part of it', async () => {
    const bearerEnv = { ...env, AWS_BEARER_TOKEN_BEDROCK: SECRETS.bearerToken };
    delete (bearerEnv as Record<string, string | undefined>).AWS_ACCESS_KEY_ID;
    delete (bearerEnv as Record<string, string | undefined>).AWS_SECRET_ACCESS_KEY;
    delete (bearerEnv as Record<string, string | undefined>).AWS_SESSION_TOKEN;
    for (const args of [
      ['models', 'status', '--json'],
      ['--debug', 'chat', '-m', MODEL_REF, 'hello with a bearer token'],
    ]) {
      const run = await runNode([cliMain(), ...args], { env: bearerEnv, cwd: home, killAfterMs: 30_000 });
      capture.add(`cli bearer ${args.join(' ')} stdout`, run.stdout);
      capture.add(`cli bearer ${args.join(' ')} stderr`, run.stderr);
      expect(run.signal).toBeNull();
    }
    const bearer = emulator.journal.entries().filter((e) => e.auth.kind === 'bearer');
    expect(bearer.length).toBeGreaterThan(0);
  });
});
