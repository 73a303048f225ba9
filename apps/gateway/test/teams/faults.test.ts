import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw, startTestGateway, type TestGateway } from '../helpers.js';
import { freshDatabase, postgresAvailable, type TestDatabase } from './databases.js';

const ADMIN = 'admin-secret-token';
const STATIC = 'static-client-token';
const bearer = (token: string) => ({ ...JSON_HEADERS, authorization: `Bearer ${token}` });

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('a database that is down at start stops the gateway with a clear message', () => {
  it('SQLite: a path that cannot be a database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcrop-bad-db-'));
    try {
      // The path is a directory: no file can be opened there.
      const start = startTestGateway({ gateway: { database: { path: dir } } });
      await expect(start).rejects.toMatchObject({
        code: 'database_unavailable',
        message: expect.stringContaining(`cannot open the SQLite database ${dir}`),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: nothing listening, and the password never shown', async () => {
    const port = await closedPort();
    const start = startTestGateway({
      gateway: { database: { url: `postgres://outcrop:s3cret-pw@127.0.0.1:${port}/nope` } },
    });
    const err = (await start.catch((e: unknown) => e)) as Error & { code: string; hint: string };
    expect(err.code).toBe('database_unavailable');
    expect(err.message).toContain(
      `cannot reach PostgreSQL at postgres://outcrop:****@127.0.0.1:${port}/nope`,
    );
    expect(err.message).not.toContain('s3cret-pw');
    expect(err.hint).toMatch(/gateway\.database\.url/);
  });
});

describe.skipIf(!postgresAvailable())('PostgreSQL failing while the gateway runs', () => {
  let tdb: TestDatabase;
  let t: TestGateway | undefined;
  afterEach(async () => {
    await setConnections(tdb, true).catch(() => {});
    await t?.stop();
    t = undefined;
    await tdb.cleanup();
  });

  async function setConnections(db: TestDatabase, allow: boolean) {
    const pg = (await import('pg')).default;
    const name = new URL(db.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${allow}`);
      if (!allow) {
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
      }
    } finally {
      await admin.end();
    }
  }

  async function start(failOpen: boolean) {
    tdb = await freshDatabase('postgres');
    t = await startTestGateway({
      gateway: { adminToken: ADMIN, auth: { tokens: [STATIC] }, database: { url: tdb.url, failOpen } },
    });
    const list = JSON.parse(
      (await raw(t.gateway.url, { path: '/v1/models', headers: bearer(STATIC) })).body,
    ) as { data: { id: string }[] };
    const model = list.data.find((m) => m.id.includes('claude'))!.id;
    const created = await raw(t.gateway.url, {
      method: 'POST',
      path: '/admin/keys',
      headers: bearer(ADMIN),
      body: JSON.stringify({ name: 'budgeted', budgets: ['100usd/month'] }),
    });
    const { key } = JSON.parse(created.body) as { key: string };
    const chat = (token: string, text: string) =>
      raw(t!.gateway.url, {
        method: 'POST',
        path: '/v1/chat/completions',
        headers: bearer(token),
        body: chatBody(model, text, { max_tokens: 20 }),
      });
    return { key, chat };
  }

  it('refuses budgeted keys (fail closed), buffers ledger rows and writes them when it returns', async () => {
    const { key, chat } = await start(false);
    expect((await chat(key, 'before')).status).toBe(200);
    await setConnections(tdb, false);

    const refused = await chat(key, 'during');
    expect(refused.status).toBe(503);
    expect((JSON.parse(refused.body) as { error: { code: string } }).error.code).toBe('budget_unavailable');
    const unbudgeted = await chat(STATIC, 'during, static token');
    expect(unbudgeted.status).toBe(200);
    const metrics = (await raw(t!.gateway.url, { path: '/metrics' })).body;
    expect(metrics).toMatch(/outcrop_gateway_database_errors_total [1-9]/);

    await setConnections(tdb, true);
    // The admin report flushes the buffer first; the rows written while the database was down are there.
    const usage = await raw(t!.gateway.url, { path: '/admin/usage?by=key&since=1h', headers: bearer(ADMIN) });
    expect(usage.status).toBe(200);
    const rows = (JSON.parse(usage.body) as { data: { group: string; requests: number; errors: number }[] })
      .data;
    const total = rows.reduce((n, r) => n + r.requests, 0);
    expect(total).toBe(3); // before, the refused one, and the static token's
    expect(rows.find((r) => r.group === 'budgeted')).toMatchObject({ requests: 2, errors: 1 });
  });

  it('with failOpen, admits budgeted keys and says so in a header', async () => {
    const { key, chat } = await start(true);
    await setConnections(tdb, false);
    const admitted = await chat(key, 'during');
    expect(admitted.status).toBe(200);
    expect(admitted.headers['x-outcrop-budget-warning']).toMatch(/unreachable/);
    await setConnections(tdb, true);
    const view = await raw(t!.gateway.url, { path: '/admin/keys/budgeted', headers: bearer(ADMIN) });
    const budgets = (JSON.parse(view.body) as { budgets: { used: number; reserved: number }[] }).budgets;
    expect(budgets[0]!.used).toBeGreaterThan(0); // still counted once written
    expect(budgets[0]!.reserved).toBe(0);
  });
});
