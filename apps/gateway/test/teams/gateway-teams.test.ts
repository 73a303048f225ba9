import { request as httpRequest } from 'node:http';
import { parseConfig } from '@outcrop/config-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamsStore } from '../../src/teams/teams-store.js';
import { chatBody, JSON_HEADERS, raw, startTestGateway, type TestGateway } from '../helpers.js';
import { DATABASES, freshDatabase, postgresAvailable, type TestDatabase } from './databases.js';

const ADMIN = 'admin-secret-token';
const STATIC = 'static-client-token';
const bearer = (token: string) => ({ ...JSON_HEADERS, authorization: `Bearer ${token}` });

function errorOf(body: string): { message: string; code: string; type: string } {
  return (JSON.parse(body) as { error: { message: string; code: string; type: string } }).error;
}

describe.each(DATABASES)('gateway teams on %s', (kind) => {
  const skip = kind === 'postgres' && !postgresAvailable();
  let tdb: TestDatabase;
  let t: TestGateway;
  let model: string;
  const config = () => ({
    gateway: {
      adminToken: ADMIN,
      auth: { tokens: [STATIC] },
      limits: { maxConcurrentPerToken: 200 },
      database: { path: tdb.path, ...(tdb.url ? { url: tdb.url } : {}) },
    },
  });
  const admin = (method: string, path: string, body?: unknown, token = ADMIN) =>
    raw(t.gateway.url, {
      method,
      path,
      headers: bearer(token),
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const chat = (token: string, content: string, extra: Record<string, unknown> = {}) =>
    raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: bearer(token),
      body: chatBody(model, content, extra),
    });
  /** Waits (bounded in tries, not time) until no budget of the key holds anything for a request in flight. */
  const settledHolds = async (id: string) => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const keys = JSON.parse((await admin('GET', '/admin/keys')).body) as {
        data: { id: string; budgets: { reserved?: number }[] }[];
      };
      const held = keys.data.find((k) => k.id === id)?.budgets.some((b) => (b.reserved ?? 0) > 0);
      if (!held) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the holds of key ${id} never settled`);
  };
  const createKey = async (body: Record<string, unknown>) => {
    const res = await admin('POST', '/admin/keys', body);
    expect(res.status, res.body).toBe(201);
    return JSON.parse(res.body) as { id: string; key: string; name: string };
  };

  beforeAll(async () => {
    if (skip) return;
    tdb = await freshDatabase(kind);
    t = await startTestGateway(config());
    const list = JSON.parse(
      (await raw(t.gateway.url, { path: '/v1/models', headers: bearer(STATIC) })).body,
    ) as {
      data: { id: string }[];
    };
    model =
      list.data.find((m) => m.id.includes('claude-sonnet-4-5'))?.id ??
      list.data.find((m) => m.id.includes('claude'))!.id;
  });
  afterAll(async () => {
    if (skip) return;
    await t?.stop();
    await tdb.cleanup();
  });

  it.skipIf(skip)('the admin API answers only the admin token', async () => {
    const none = await raw(t.gateway.url, { path: '/admin/keys' });
    expect(none.status).toBe(401);
    expect(errorOf(none.body).code).toBe('admin_unauthorized');
    const asClient = await admin('GET', '/admin/keys', undefined, STATIC);
    expect(asClient.status).toBe(403);
    expect(errorOf(asClient.body).code).toBe('admin_forbidden');
    const { key } = await createKey({ name: 'admin-probe' });
    const asKey = await admin('GET', '/admin/keys', undefined, key);
    expect(asKey.status).toBe(403);
    const listed = await admin('GET', '/admin/keys');
    expect(listed.status).toBe(200);
    expect(listed.body).toContain('admin-probe');
    expect(listed.body).not.toContain(key);
    expect(listed.body).not.toMatch(/"hash"/);
    const bad = await admin('POST', '/admin/keys', { name: 'x', budgets: ['lots'] });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.body).code).toBe('budget_invalid');
  });

  it.skipIf(skip)(
    'a malformed, unknown, revoked or expired key is a 401 that says which; static tokens still work',
    async () => {
      const { key, id } = await createKey({ name: 'carol' });
      expect((await chat(key, 'hello')).status).toBe(200);
      expect((await chat(STATIC, 'hello')).status).toBe(200);

      const malformed = await chat('ocp_not-a-key', 'hello');
      expect([malformed.status, errorOf(malformed.body).code]).toEqual([401, 'key_malformed']);
      const unknown = await chat(`ocp_${'0'.repeat(12)}_${'A'.repeat(43)}`, 'hello');
      expect([unknown.status, errorOf(unknown.body).code]).toEqual([401, 'key_unknown']);

      const rotated = JSON.parse((await admin('POST', `/admin/keys/${id}/rotate`)).body) as { key: string };
      expect(errorOf((await chat(key, 'hello')).body).code).toBe('key_unknown');
      expect((await chat(rotated.key, 'hello')).status).toBe(200);

      expect((await admin('POST', `/admin/keys/${id}/expire`, {})).status).toBe(200);
      const expired = await chat(rotated.key, 'hello');
      expect([expired.status, errorOf(expired.body).code]).toEqual([401, 'key_expired']);
      expect(errorOf(expired.body).message).toContain('carol expired on');

      const { key: dave } = await createKey({ name: 'dave' });
      expect((await admin('DELETE', '/admin/keys/dave')).status).toBe(200);
      const revoked = await chat(dave, 'hello');
      expect([revoked.status, errorOf(revoked.body).code]).toEqual([401, 'key_revoked']);
    },
  );

  it.skipIf(skip)('a key calls only its models, and only so often', async () => {
    const { key } = await createKey({ name: 'novice', models: ['nova'], rpm: 60 });
    const refused = await chat(key, 'hello');
    expect([refused.status, errorOf(refused.body).code]).toEqual([403, 'model_not_allowed']);
    const { key: limited } = await createKey({ name: 'limited', rpm: 2 });
    expect((await chat(limited, 'one')).status).toBe(200);
    expect((await chat(limited, 'two')).status).toBe(200);
    const third = await chat(limited, 'three');
    expect([third.status, errorOf(third.body).code]).toEqual([429, 'rate_limit_exceeded']);
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
  });

  it.skipIf(skip)(
    'admits against the estimate, warns at 80 %, refuses over budget naming it and when it resets',
    async () => {
      const { key, id } = await createKey({ name: 'erin', budgets: ['1000tokens/day'], tags: { team: 'x' } });
      const warned = await chat(key, 'hello there', { max_tokens: 850 });
      expect(warned.status).toBe(200);
      expect(warned.headers['x-outcrop-budget-warning']).toMatch(new RegExp(`key:${id}:tokens/day 8\\d%`));
      // The ledger settles after the reply (off the request path): wait for the hold to become real use.
      await settledHolds(id);
      const quiet = await chat(key, 'hello there', { max_tokens: 10 });
      expect(quiet.headers['x-outcrop-budget-warning']).toBeUndefined(); // the first one settled at its real usage
      const over = await chat(key, 'hello there', { max_tokens: 2000 });
      expect(over.status).toBe(429);
      const error = errorOf(over.body);
      expect(error.code).toBe('budget_exceeded');
      expect(error.message).toContain(`Budget key:${id}:tokens/day (1000tokens/day) is spent`);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const today = new Date().toISOString().slice(0, 10);
      expect(error.message).toMatch(new RegExp(`resets at (${today}|${tomorrow})T00:00:00.000Z`));
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);

      // A tag budget applies to every key with the tag.
      expect(
        (await admin('POST', '/admin/budgets', { tag: 'team=x', budget: '0.000001usd/month' })).status,
      ).toBe(200);
      const tagged = await chat(key, 'hello there', { max_tokens: 10 });
      expect(errorOf(tagged.body).message).toContain('Budget tag:team=x:usd/month');
    },
  );

  it.skipIf(skip)(
    'writes one ledger row per request with tokens, cost and timing, and spend to /metrics',
    async () => {
      const { key, id } = await createKey({ name: 'frank', budgets: ['5usd/month'] });
      const res = await chat(key, 'count these words please', { stream: true, max_tokens: 100 });
      expect(res.status).toBe(200);
      const requestId = res.headers['x-request-id'] as string;
      const usage = await admin('GET', '/admin/usage?by=key&since=1h');
      const frank = (
        JSON.parse(usage.body) as {
          data: { group: string; requests: number; costUsd: number; inputTokens: number }[];
        }
      ).data.find((r) => r.group === 'frank');
      expect(frank).toMatchObject({ requests: 1 });
      expect(frank!.inputTokens).toBeGreaterThan(0);
      expect(frank!.costUsd).toBeGreaterThan(0);

      const store = await openTeamsStore({ config: parseConfig(JSON.stringify(config())) });
      try {
        const [row] = await store.db.all('SELECT * FROM outcrop_ledger WHERE request_id = ?', [requestId]);
        expect(row).toMatchObject({
          key_id: id,
          key_name: 'frank',
          dialect: 'openai-chat',
          status: 'ok',
          http_status: 200,
        });
        expect(String(row!.resolved_model)).toContain('claude');
        expect(row!.region).toBe(t.emulator.region);
        expect(Number(row!.output_tokens)).toBeGreaterThan(0);
        expect(Number(row!.ttft_ms)).toBeGreaterThanOrEqual(0);
        expect(Number(row!.duration_ms)).toBeGreaterThanOrEqual(Number(row!.ttft_ms));
        expect(JSON.stringify(row)).not.toContain('count these words'); // no content
        const view = await store.view(await store.keys.get('frank'));
        expect(view.budgets[0]).toMatchObject({ used: Number(row!.cost_nano), reserved: 0 });
      } finally {
        await store.close();
      }
      const metrics = (await raw(t.gateway.url, { path: '/metrics' })).body;
      expect(metrics).toMatch(/outcrop_gateway_spend_usd_total\{key="frank"\} \d/);
    },
  );

  it.skipIf(skip)(
    'admits embeddings by the key, its models and budgets, and writes their ledger row',
    async () => {
      const { key, id } = await createKey({
        name: 'ivan',
        models: ['titan-embed'],
        budgets: ['100tokens/day'],
      });
      const embed = (model: string, input: unknown) =>
        raw(t.gateway.url, {
          method: 'POST',
          path: '/v1/embeddings',
          headers: bearer(key),
          body: JSON.stringify({ model, input }),
        });
      const res = await embed('amazon.titan-embed-text-v2:0', ['granite', 'basalt and gneiss']);
      expect(res.status, res.body).toBe(200);
      const tokens = (JSON.parse(res.body) as { usage: { prompt_tokens: number } }).usage.prompt_tokens;
      const denied = await embed('cohere.embed-english-v3', 'not this one');
      expect(denied.status).toBe(403);
      expect(JSON.parse(denied.body).error).toMatchObject({ code: 'model_not_allowed', param: 'model' });
      // The estimate of 500 texts (about 1,000 tokens) is over the 100-token budget: refused before Bedrock.
      const over = await embed(
        'amazon.titan-embed-text-v2:0',
        Array.from({ length: 500 }, () => 'eight ch'),
      );
      expect(over.status).toBe(429);
      expect(errorOf(over.body).code).toBe('budget_exceeded');

      const store = await openTeamsStore({ config: parseConfig(JSON.stringify(config())) });
      try {
        const [row] = await store.db.all('SELECT * FROM outcrop_ledger WHERE request_id = ?', [
          res.headers['x-request-id'] as string,
        ]);
        expect(row).toMatchObject({
          key_id: id,
          dialect: 'openai-embeddings',
          status: 'ok',
          http_status: 200,
        });
        expect(Number(row!.input_tokens)).toBe(tokens);
        expect(Number(row!.output_tokens)).toBe(0);
      } finally {
        await store.close();
      }
    },
  );

  it.skipIf(skip)(
    'of 100 concurrent requests against a budget that allows 10, at most 10 get in',
    async () => {
      const { key } = await createKey({ name: 'crowd', budgets: ['1000tokens/day'] });
      // Each holds ~100 tokens and stalls mid-stream, so no hold is released while the others arrive.
      const stall = '[[scenario:{"stallAfterEvents":2}]]';
      const opened = await Promise.all(
        Array.from({ length: 100 }, () =>
          openStream(t.gateway.url, key, chatBody(model, `hi ${stall}`, { stream: true, max_tokens: 90 })),
        ),
      );
      const statuses = opened.map((o) => o.status);
      for (const o of opened) o.close();
      expect(statuses.filter((s) => s === 200).length).toBe(10);
      expect(statuses.filter((s) => s === 429).length).toBe(90);
    },
  );

  it.skipIf(skip)('spend survives a restart', async () => {
    const { key } = await createKey({ name: 'grace', budgets: ['1usd/total'] });
    expect((await chat(key, 'remember me', { max_tokens: 50 })).status).toBe(200);
    const before = JSON.parse((await admin('GET', '/admin/keys/grace')).body) as {
      budgets: { used: number }[];
    };
    expect(before.budgets[0]!.used).toBeGreaterThan(0);
    await t.gateway.close({ drainTimeoutMs: 0 });
    await t.emulator.stop();
    t = await startTestGateway(config());
    const after = JSON.parse((await admin('GET', '/admin/keys/grace')).body) as {
      budgets: { used: number }[];
    };
    expect(after.budgets[0]!.used).toBe(before.budgets[0]!.used);
    expect((await chat(key, 'still here', { max_tokens: 50 })).status).toBe(200);
  });
});

/** Opens a streaming request; resolves with its status once the headers arrive (or the error reply ends). */
function openStream(url: string, token: string, body: string): Promise<{ status: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/v1/chat/completions`,
      { method: 'POST', headers: bearer(token) },
      (res) => {
        res.on('error', () => {});
        res.resume();
        resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
      },
    );
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
    req.end(body);
  });
}
