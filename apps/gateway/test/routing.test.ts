// A routed model through the gateway: two accounts (emulators with their own keys and a tokens-per-minute
// quota each, reached through the real AWS SDK) behind one model name. The load is bounded and every assertion
// counts replies, statuses and tokens.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw, startTestGateway, type TestGateway } from './helpers.js';

const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const Q = 6000;
const MAX_TOKENS = 400;

let t: TestGateway;
let accounts: Emulator[];
beforeAll(async () => {
  accounts = [
    await startEmulator({ region: 'us-east-1', quotas: { tokensPerMinute: Q } }),
    await startEmulator({ region: 'us-east-1', quotas: { tokensPerMinute: Q } }),
  ];
  const target = (i: number) => ({
    name: `acct-${i}`,
    region: 'us-east-1',
    profile: `acct-${i}`,
    baseUrl: accounts[i]!.url,
    tokensPerMinute: Q,
  });
  t = await startTestGateway({
    models: {
      routes: {
        pair: { model: MODEL, targets: [target(0), target(1)] },
        alone: { model: MODEL, targets: [target(0)] },
      },
    },
  });
  // An account is a named profile; the file is read when a target first connects.
  mkdirSync(join(t.dir, '.aws'), { recursive: true });
  writeFileSync(
    join(t.dir, '.aws', 'credentials'),
    accounts
      .map(
        (e, i) =>
          `[acct-${i}]\naws_access_key_id = ${e.credentials.accessKeyId}\naws_secret_access_key = ${e.credentials.secretAccessKey}\n`,
      )
      .join('\n'),
  );
});
afterAll(async () => {
  await t?.stop();
  await Promise.all(accounts?.map((e) => e.stop()) ?? []);
});

interface Reply {
  status: number;
  target: string | undefined;
  burned: number;
}

async function call(model: string, i: number, stream = false): Promise<Reply> {
  const res = await raw(t.gateway.url, {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: JSON_HEADERS,
    body: chatBody(model, `Call ${i}: list the three largest changes in the report for unit ${i}.`, {
      max_tokens: MAX_TOKENS,
      stream,
    }),
  });
  const target = res.headers['x-outcrop-target'] as string | undefined;
  if (res.status !== 200 || stream) return { status: res.status, target, burned: 0 };
  const usage = JSON.parse(res.body).usage as { prompt_tokens: number; completion_tokens: number };
  // Claude Sonnet 4.5: output counts five times against the quota (Bedrock's burndown rule).
  return { status: res.status, target, burned: usage.prompt_tokens + usage.completion_tokens * 5 };
}

async function load(model: string, count: number, from: number): Promise<Reply[]> {
  const replies: Reply[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) replies.push(await call(model, from + next++));
  };
  await Promise.all([worker(), worker(), worker()]);
  return replies;
}

describe('a routed model through the gateway', () => {
  it('serves close to two quotas with no 429 where one account alone throttles, and names the target', async () => {
    const probe = await call('pair', 0);
    expect(probe.status).toBe(200);
    // 80% of two quotas: the rest is room for the calls in flight, each holding input + max_tokens until it settles.
    const calls = Math.floor((0.8 * 2 * Q) / probe.burned) - 1;
    expect(calls).toBeGreaterThan(10);

    const pair = await load('pair', calls, 1);
    expect(pair.filter((r) => r.status !== 200)).toEqual([]);
    expect(new Set(pair.map((r) => r.target))).toEqual(new Set(['acct-0', 'acct-1']));
    const served = probe.burned + pair.reduce((sum, r) => sum + r.burned, 0);
    expect(served).toBeGreaterThan(1.5 * Q); // beyond what one account could serve

    // acct-0 has at most 20% of its quota left this minute: demand of about a third of a quota more on the route
    // with only acct-0 throttles, where the pair served everything.
    const alone = await load('alone', Math.ceil(Q / 3 / probe.burned), 1000);
    expect(alone.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(alone.filter((r) => r.status === 200).every((r) => r.target === 'acct-0')).toBe(true);

    const metrics = (await raw(t.gateway.url, { path: '/metrics' })).body;
    expect(metrics).toMatch(
      /outcrop_gateway_routed_calls_total\{rerouted="false",route="pair",target="acct-1"\} \d+/,
    );
  });

  it('names the target on a streamed reply too, and lists the route as a model', async () => {
    const models = JSON.parse((await raw(t.gateway.url, { path: '/v1/models' })).body) as {
      data: { id: string }[];
    };
    expect(models.data.map((m) => m.id)).toContain('amazon-bedrock/pair');
    // Both accounts may be spent by now; a 429 still names the last target tried.
    const streamed = await call('pair', 2000, true);
    expect(['acct-0', 'acct-1']).toContain(streamed.target);
  });
});
