import { randomUUID } from 'node:crypto';
import { parseConfig } from '@outcrop/config-schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBudgetSpec, periodStart } from '../../src/teams/budget-spec.js';
import type { Charge } from '../../src/teams/budget-store.js';
import { MIGRATIONS, migrate } from '../../src/teams/migrations.js';
import { openTeamsStore, type TeamsStore } from '../../src/teams/teams-store.js';
import type { LedgerRow } from '../../src/teams/types.js';
import { usageReport } from '../../src/teams/usage-report.js';
import { DATABASES, freshDatabase, postgresAvailable, type TestDatabase } from './databases.js';

function pendingRow(keyId: string, overrides: Partial<LedgerRow> = {}): LedgerRow {
  return {
    id: randomUUID(),
    requestId: randomUUID(),
    startedAt: Date.UTC(2026, 11, 6, 12),
    keyId,
    keyName: 'alice',
    tags: { team: 'x' },
    dialect: 'openai-chat',
    modelRef: 'sonnet',
    resolvedModel: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    profile: null,
    region: 'us-east-1',
    tier: null,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    costNano: 0,
    reservations: [],
    ttftMs: null,
    durationMs: null,
    status: 'pending',
    httpStatus: null,
    errorCode: null,
    settledAt: null,
    ...overrides,
  };
}

describe.each(DATABASES)('teams store on %s', (kind) => {
  let tdb: TestDatabase;
  let store: TeamsStore;
  const skip = kind === 'postgres' && !postgresAvailable();

  beforeEach(async (ctx) => {
    if (skip) ctx.skip();
    tdb = await freshDatabase(kind);
    const config = parseConfig(JSON.stringify({ gateway: { database: { url: tdb.url, path: tdb.path } } }));
    store = await openTeamsStore({ config });
  });
  afterEach(async () => {
    if (skip) return;
    await store.close();
    await tdb.cleanup();
  });

  it('applies the migrations once and records them', async () => {
    expect(store.db.dialect).toBe(kind);
    expect(await migrate(store.db)).toEqual([]);
    const rows = await store.db.all('SELECT version FROM outcrop_migrations ORDER BY version');
    expect(rows.map((r) => Number(r.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('moves what version 1 left pending in the ledger to the holds, where the start reconciles it', async () => {
    await store.close();
    await tdb.cleanup();
    tdb = await freshDatabase(kind);
    const config = parseConfig(JSON.stringify({ gateway: { database: { url: tdb.url, path: tdb.path } } }));
    const { openDatabase } = await import('../../src/teams/db.js');
    const v1 = await openDatabase({ url: tdb.url, path: tdb.path });
    expect(await migrate(v1, MIGRATIONS.slice(0, 1))).toEqual([1]);
    await v1.run(
      `INSERT INTO outcrop_budget_usage (budget_id, period_start, used, reserved) VALUES ('key:k1:tokens/total', 0, 0, 300)`,
    );
    const left = pendingRow('k1', {
      reservations: [{ budgetId: 'key:k1:tokens/total', unit: 'tokens', periodStart: 0, amount: 300 }],
    });
    const settled = pendingRow('k1', { status: 'ok', httpStatus: 200, settledAt: 1 });
    for (const row of [left, settled]) {
      await v1.run(
        `INSERT INTO outcrop_ledger (id, request_id, started_at, key_id, tags, dialect, model_ref, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, reservations, status)
         VALUES (?, ?, ?, ?, '{}', 'openai-chat', 'sonnet', 0, 0, 0, 0, 0, ?, ?)`,
        [row.id, row.requestId, row.startedAt, row.keyId, JSON.stringify(row.reservations), row.status],
      );
    }
    await v1.close();
    store = await openTeamsStore({ config });
    expect((await store.db.all('SELECT id FROM outcrop_holds')).map((r) => r.id)).toEqual([left.id]);
    expect(await store.budgets.reconcile()).toBe(1);
    const rows = await store.db.all('SELECT id, status FROM outcrop_ledger ORDER BY status');
    expect(rows).toEqual([
      { id: left.id, status: 'interrupted' },
      { id: settled.id, status: 'ok' },
    ]);
    const usage = await store.db.all('SELECT used, reserved FROM outcrop_budget_usage');
    expect(usage.map((u) => [Number(u.used), Number(u.reserved)])).toEqual([[300, 0]]);
  });

  it('refuses a database whose schema is newer than this code', async () => {
    await store.db.run('INSERT INTO outcrop_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
      999,
      'future',
      0,
    ]);
    await expect(migrate(store.db)).rejects.toThrow(/schema version 999, newer than this Outcrop knows/);
  });

  it('creates, rotates, revokes and expires keys, storing only a hash', async () => {
    const { key, view } = await store.createKey({
      name: 'alice',
      budgets: ['50usd/month', '200000tokens/day'],
      models: ['sonnet', 'nova'],
      rpm: 60,
      tpm: 200_000,
      tags: { team: 'x' },
    });
    expect(key).toMatch(/^ocp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(view).toMatchObject({
      name: 'alice',
      status: 'active',
      models: ['sonnet', 'nova'],
      rpm: 60,
      tags: { team: 'x' },
    });
    expect(view.budgets.map((b) => b.budget).sort()).toEqual(['200000tokens/day', '50usd/month']);
    const raw = JSON.stringify(await store.db.all('SELECT * FROM outcrop_keys'));
    expect(raw).not.toContain(key.slice(17));
    await expect(store.createKey({ name: 'alice' })).rejects.toMatchObject({ code: 'key_name_taken' });
    await expect(store.createKey({ name: 'bob', budgets: ['50eur'] })).rejects.toMatchObject({
      code: 'budget_invalid',
    });
    expect((await store.keys.list()).map((k) => k.name)).toEqual(['alice']); // nothing half-made

    const rotated = await store.keys.rotate('alice');
    expect(rotated.key).not.toBe(key);
    expect(rotated.record.id).toBe(view.id);
    expect((await store.keys.expire(view.id, Date.now() - 1)).expiresAt).not.toBeNull();
    expect((await store.view(await store.keys.get('alice'))).status).toBe('expired');
    expect((await store.keys.revoke('alice')).revokedAt).not.toBeNull();
    expect((await store.view(await store.keys.get('alice'))).status).toBe('revoked');
    await expect(store.keys.get('nobody')).rejects.toMatchObject({ code: 'key_not_found' });
  });

  it('admits at most what a budget allows when 100 requests race for it', async () => {
    const { view } = await store.createKey({ name: 'racer', budgets: ['1000tokens/day'] });
    const [budget] = await store.budgets.forKey(await store.keys.get(view.id));
    const at = Date.now();
    const charge: Charge = { budget: budget!, periodStart: periodStart('day', at), amount: 100 };
    const results = await Promise.all(
      Array.from({ length: 100 }, () =>
        store.budgets.admit(
          [charge],
          pendingRow(view.id, {
            reservations: [
              { budgetId: budget!.id, unit: 'tokens', periodStart: charge.periodStart, amount: 100 },
            ],
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, asked: 100, used: 0, reserved: 1000 });
    const [level] = await store.budgets.levels([budget!], at);
    expect(level).toMatchObject({ used: 0, reserved: 1000 });
    const pending = await store.db.all('SELECT id FROM outcrop_holds');
    expect(pending).toHaveLength(10); // one write-ahead row per admitted request, none for the refused
  });

  it('settles real usage once, and reconciles what a crash left pending', async () => {
    const { view } = await store.createKey({ name: 'payer', budgets: ['1usd/month'], tags: { team: 'x' } });
    await store.setTagBudget('team=x', '2000tokens/total');
    const budgets = await store.budgets.forKey(await store.keys.get(view.id));
    expect(budgets.map((b) => b.id).sort()).toEqual([`key:${view.id}:usd/month`, 'tag:team=x:tokens/total']);
    const at = Date.now();
    const charges: Charge[] = budgets.map((b) => ({
      budget: b,
      periodStart: periodStart(b.period, at),
      amount: b.unit === 'usd' ? 5_000_000 : 700,
    }));
    const reservations = charges.map((c) => ({
      budgetId: c.budget.id,
      unit: c.budget.unit,
      periodStart: c.periodStart,
      amount: c.amount,
    }));
    const row = pendingRow(view.id, { reservations });
    expect((await store.budgets.admit(charges, row)).ok).toBe(true);
    const settled: LedgerRow = {
      ...row,
      inputTokens: 100,
      outputTokens: 50,
      cacheReadTokens: 10,
      cacheWriteTokens: 5,
      costNano: 1_234_567,
      status: 'ok',
      httpStatus: 200,
      settledAt: at,
    };
    await store.budgets.settle([settled]);
    await store.budgets.settle([settled]); // a retry after an unknown outcome changes nothing
    const levels = await store.budgets.levels(budgets, at);
    expect(levels.map((l) => [l.budget.unit, l.used, l.reserved])).toEqual([
      ['usd', 1_234_567, 0],
      ['tokens', 165, 0],
    ]);

    // A crash between admission and settlement: the hold is charged in full at the next start.
    const crashed = pendingRow(view.id, { reservations });
    expect((await store.budgets.admit(charges, crashed)).ok).toBe(true);
    expect(await store.budgets.reconcile()).toBe(1);
    expect(await store.budgets.reconcile()).toBe(0);
    const after = await store.budgets.levels(budgets, at);
    expect(after.map((l) => [l.used, l.reserved])).toEqual([
      [1_234_567 + 5_000_000, 0],
      [165 + 700, 0],
    ]);
    const [row2] = await store.db.all(
      'SELECT status, error_code, cost_nano FROM outcrop_ledger WHERE id = ?',
      [crashed.id],
    );
    expect(row2).toMatchObject({ status: 'interrupted', error_code: 'gateway_stopped' });
    expect(Number(row2!.cost_nano)).toBe(5_000_000);
  });

  it('reports usage by key, model, tag and day', async () => {
    const day = Date.UTC(2026, 11, 5, 10);
    const rows = [
      pendingRow('k1', {
        keyName: 'alice',
        tags: { team: 'x', env: 'dev' },
        startedAt: day,
        inputTokens: 10,
        outputTokens: 5,
        costNano: 2e9,
        status: 'ok',
      }),
      pendingRow('k1', {
        keyName: 'alice',
        tags: { team: 'x', env: 'dev' },
        startedAt: day + 86_400_000,
        inputTokens: 1,
        outputTokens: 1,
        costNano: 1e9,
        status: 'error',
      }),
      pendingRow('k2', {
        keyName: 'bob',
        tags: {},
        resolvedModel: 'amazon.nova-pro-v1:0',
        startedAt: day,
        inputTokens: 7,
        costNano: 5e8,
        status: 'ok',
      }),
    ];
    await store.budgets.settle(rows);
    const since = day - 1;
    expect(await usageReport(store.db, { by: 'key', since })).toMatchObject([
      { group: 'alice', requests: 2, errors: 1, inputTokens: 11, outputTokens: 6, costUsd: 3 },
      { group: 'bob', requests: 1, errors: 0, inputTokens: 7, costUsd: 0.5 },
    ]);
    expect((await usageReport(store.db, { by: 'model', since })).map((r) => r.group)).toEqual([
      'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'amazon.nova-pro-v1:0',
    ]);
    expect((await usageReport(store.db, { by: 'tag', since })).map((r) => [r.group, r.costUsd])).toEqual([
      ['env=dev', 3],
      ['team=x', 3],
      ['(untagged)', 0.5],
    ]);
    expect((await usageReport(store.db, { by: 'day', since })).map((r) => [r.group, r.requests])).toEqual([
      ['2026-12-05', 2],
      ['2026-12-06', 1],
    ]);
    expect(await usageReport(store.db, { by: 'key', since: day + 1 })).toMatchObject([
      { group: 'alice', requests: 1 },
    ]);
  });
});

describe('budget specs reach the store as written', () => {
  it('parses before anything is stored', () => {
    expect(parseBudgetSpec('50usd/month').limit).toBe(50e9);
  });
});
