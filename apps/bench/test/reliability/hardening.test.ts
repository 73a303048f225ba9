// Hardening probes (issue 12, items 1-8), over real HTTP against a gateway in front of the emulator: stalled
// uploads cannot lock callers out, a drain ends uploads in flight, pages on other sites cannot use the gateway,
// deep JSON is a 400, `config show` masks by header name and by value origin, query strings stay out of logs,
// placeholder tokens are refused at load, and an abandoned upload is a 499. Every wait is bounded; small
// configured timeouts stand in for the defaults, and no assertion reads a clock.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Emulator } from '@outcrop/bedrock-emulator';
import { ConfigError } from '@outcrop/config-schema';
import { closeConverseClients } from '@outcrop/converse-stream';
import { type Gateway, startGateway } from '@outcrop/gateway';
import { eventually, rawRequest, stalledUpload, statusOf } from '@outcrop/test-http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNode } from '../../src/spawn-node.js';
import { cliMain } from '../../src/workspace.js';
import { MODEL_REF, startSecretEmulator } from './support/emulator.js';
import { createCapture, expectNoSecrets, SECRETS } from './support/secrets.js';
import { chatBody } from './support/sse.js';

/** The anonymous budget of the probe gateway: N stalled uploads, then one more request. */
const LIMIT = 6;
const ALLOWED_ORIGIN = 'https://app.example.test';
const QUERY_SECRET = 'query-secret-5b7e1d';
const JSON_TYPE = { 'content-type': 'application/json' };
/** 20 s of polling (a bound for a loaded machine, not an expectation). */
const POLLS = 800;
const capture = createCapture();
const logLines: string[] = [];
const dirs: string[] = [];
let emulator: Emulator;
let gateway: Gateway;

async function start(gatewayConfig: Record<string, unknown>): Promise<Gateway> {
  const dir = mkdtempSync(path.join(tmpdir(), 'outcrop-reliability-hardening-'));
  dirs.push(dir);
  const configPath = path.join(dir, 'outcrop.json5');
  writeFileSync(configPath, JSON.stringify({ gateway: gatewayConfig }));
  const logger = pino(
    { level: 'debug' },
    {
      write: (line: string) => {
        logLines.push(line);
        capture.add('gateway log', line);
      },
    },
  );
  return startGateway({
    configPath,
    host: '127.0.0.1',
    port: 0,
    env: { ...emulator.env(), HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir: dir,
    emulator: 'never',
    watchConfig: false,
    logger,
  });
}

beforeAll(async () => {
  emulator = await startSecretEmulator();
  gateway = await start({
    allowedHosts: ['gateway.internal.test'],
    cors: { allowedOrigins: [ALLOWED_ORIGIN] },
    limits: { maxConcurrentPerToken: LIMIT, bodyTimeoutMs: 4_000, drainTimeoutMs: 0 },
  });
});
afterAll(async () => {
  await gateway?.close({ drainTimeoutMs: 0 });
  closeConverseClients();
  await emulator?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  expectNoSecrets(capture);
});

const post = (headers: Record<string, string>, body = chatBody(MODEL_REF, 'hardening probe', false)) =>
  rawRequest(gateway.url, { method: 'POST', path: '/v1/chat/completions', headers, body });

describe('1. slow uploads', () => {
  it(`${LIMIT} stalled uploads (the anonymous limit) leave the next request served; each stall gets 408`, async () => {
    const stalled = Array.from({ length: LIMIT }, () => stalledUpload(gateway.url));
    await Promise.all(stalled.map((s) => s.accepted));
    const res = await post(JSON_TYPE, chatBody(MODEL_REF, 'served while others stall'));
    expect(res.status).toBe(200);
    expect(res.body).toContain('[DONE]');
    const answers = await Promise.all(stalled.map((s) => s.response));
    expect(answers.map(statusOf)).toEqual(Array(LIMIT).fill(408));
  });
});

describe('2. drain with an upload in flight', () => {
  it('close() ends a stalled upload and an open stream after drainTimeoutMs', async () => {
    const own = await start({ limits: { bodyTimeoutMs: 600_000, drainTimeoutMs: 300 } });
    const stream = rawRequest(own.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: JSON_TYPE,
      body: chatBody(MODEL_REF, 'stall [[scenario:{"stallAfterEvents":2}]]'),
    });
    await eventually(() => own.inFlight === 1, POLLS);
    const upload = stalledUpload(own.url);
    await upload.accepted;
    const closed = own.close();
    // Only a safety net: a drain that ignores its timeout never resolves.
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      closed.then(() => 'closed'),
      new Promise<string>((resolve) => {
        timer = setTimeout(() => resolve('hung'), 60_000);
      }),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe('closed');
    expect((await stream).body).toContain('shutting_down');
    expect(statusOf(await upload.response)).toBe(503);
  });
});

describe('3. cross-site requests', () => {
  it('refuses POSTs without a JSON content type (415), before any model call', async () => {
    const before = emulator.journal.entries().length;
    expect((await post({})).status).toBe(415);
    expect((await post({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post({ 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(415);
    expect(emulator.journal.entries().length).toBe(before);
  });

  it('refuses a foreign Host (DNS rebinding) with 421 and serves the names it owns', async () => {
    const port = new URL(gateway.url).port;
    expect((await post({ ...JSON_TYPE, host: `rebind.attacker.example:${port}` })).status).toBe(421);
    expect(
      (await rawRequest(gateway.url, { path: '/metrics', headers: { host: 'attacker.example' } })).status,
    ).toBe(421);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'gateway.internal.test']) {
      expect((await rawRequest(gateway.url, { path: '/v1/models', headers: { host } })).status, host).toBe(
        200,
      );
    }
  });

  it('refuses a foreign Origin (403), serves an allowed one with CORS headers, preflights only allowed ones', async () => {
    const foreign = await post({ ...JSON_TYPE, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await post({ ...JSON_TYPE, origin: ALLOWED_ORIGIN });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);

    const preflight = (origin: string) =>
      rawRequest(gateway.url, {
        method: 'OPTIONS',
        path: '/v1/chat/completions',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight(ALLOWED_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(ok.headers['access-control-allow-methods']).toContain('POST');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('4. deep JSON', () => {
  it('a tool schema nested 5,000 deep is a located 400', async () => {
    const depth = 5_000;
    const schema = `${'{"type":"object","properties":{"a":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`;
    const body = `{"model":${JSON.stringify(MODEL_REF)},"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"deep","parameters":${schema}}}]}`;
    const res = await post(JSON_TYPE, body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.param).toBe('tools[0].function.parameters');
    expect((await rawRequest(gateway.url, { path: '/healthz' })).status).toBe(200);
  });

  it('tool call arguments nested 5,000 deep inside their JSON string are a located 400', async () => {
    const args = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const body = JSON.stringify({
      model: MODEL_REF,
      messages: [
        { role: 'user', content: 'call it' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: args } }],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'done' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
    });
    const res = await post(JSON_TYPE, body);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.param).toBe('messages[1].tool_calls[0].function.arguments');
  });
});

describe('5. config show', () => {
  it('masks secret-looking headers and values substituted from the environment', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'outcrop-reliability-show-'));
    dirs.push(home);
    mkdirSync(path.join(home, '.outcrop'), { recursive: true });
    const headers = {
      'Proxy-Authorization': `Basic ${SECRETS.bearerToken}`,
      Cookie: `sid=${SECRETS.awsSessionToken}`,
      'X-Auth-Token': SECRETS.gatewayToken,
      'X-Amz-Security-Token': SECRETS.awsSessionToken,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the config's own env substitution syntax
      'X-Team': '${TEAM_SECRET}',
    };
    writeFileSync(
      path.join(home, '.outcrop', 'config.json5'),
      JSON.stringify({ models: { providers: { 'amazon-bedrock': { models: [], headers } } } }),
    );
    const run = await runNode([cliMain(), 'config', 'show', '--json'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        NO_COLOR: '1',
        TEAM_SECRET: SECRETS.awsSecretAccessKey,
      },
      cwd: home,
      killAfterMs: 30_000,
    });
    capture.add('config show stdout', run.stdout);
    capture.add('config show stderr', run.stderr);
    expect(run.code).toBe(0);
    expect(capture.leaks()).toEqual([]);
  });
});

describe('6. query strings', () => {
  it('never reach the log', async () => {
    await rawRequest(gateway.url, { path: `/v1/models?api_key=${QUERY_SECRET}` });
    await rawRequest(gateway.url, { path: `/nowhere?token=${QUERY_SECRET}` });
    const requests = logLines.filter((line) => line.includes('"msg":"request"'));
    expect(requests.some((line) => line.includes('"path":"/v1/models"'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(QUERY_SECRET);
  });
});

describe('7. placeholder tokens', () => {
  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an unsubstituted lower-case reference, on purpose
    ['${gw_token}'],
    ['$GW_TOKEN'],
    ['{{gateway_token}}'],
    ['<token>'],
    ['   '],
  ])('%j is refused at config load with a located error', async (token) => {
    const error = await start({ host: '127.0.0.1', auth: { tokens: [token] } }).catch((e: unknown) => e);
    expect(ConfigError.isInstance(error)).toBe(true);
    const issue = (error as ConfigError).issues[0]!;
    expect(issue.path).toBe('gateway.auth.tokens[0]');
    expect(issue.file).toMatch(/outcrop\.json5$/);
    expect(issue.line).toBeGreaterThan(0);
    expect(issue.column).toBeGreaterThan(0);
  });
});

describe('8. abandoned uploads', () => {
  it('are logged and counted as 499', async () => {
    const upload = stalledUpload(gateway.url, { headers: { 'x-request-id': 'abandoned-upload-1' } });
    await upload.accepted;
    upload.socket.destroy();
    await eventually(
      () => logLines.some((line) => line.includes('abandoned-upload-1') && line.includes('"msg":"request"')),
      POLLS,
    );
    const line = logLines.find((l) => l.includes('abandoned-upload-1') && l.includes('"msg":"request"'))!;
    expect(JSON.parse(line)).toMatchObject({ route: 'chat-completions', status: 499 });
    const metrics = await rawRequest(gateway.url, { path: '/metrics' });
    expect(metrics.body).toMatch(
      /outcrop_gateway_requests_total\{[^}]*route="chat-completions"[^}]*status="499"/,
    );
  });
});
