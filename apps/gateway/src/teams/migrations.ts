import type { Database } from './db.js';

/**
 * The one schema of both databases, as numbered migrations. Applied in order at start, each in its own
 * transaction; a database newer than this code is refused rather than guessed at. Never edit a shipped
 * migration: add the next one.
 *
 * Amounts: USD as integer nano-dollars (a price per million tokens is then exactly nano-dollars per thousand
 * tokens) and tokens as integers, so sums are exact. Times: epoch milliseconds.
 */
/** A statement for both databases, or one per dialect (a dialect left out runs nothing for that step). */
export type MigrationStatement = string | { sqlite?: string; postgres?: string };

export interface Migration {
  version: number;
  name: string;
  statements: MigrationStatement[];
}

/** The ledger's columns, in its order (so `SELECT *` from one fits the other). */
const HOLD_COLUMNS = `
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        key_id TEXT NOT NULL,
        key_name TEXT,
        tags TEXT NOT NULL,
        dialect TEXT NOT NULL,
        model_ref TEXT NOT NULL,
        resolved_model TEXT,
        profile TEXT,
        region TEXT,
        tier TEXT,
        input_tokens BIGINT NOT NULL,
        output_tokens BIGINT NOT NULL,
        cache_read_tokens BIGINT NOT NULL,
        cache_write_tokens BIGINT NOT NULL,
        cost_nano BIGINT NOT NULL,
        reservations TEXT NOT NULL,
        ttft_ms BIGINT,
        duration_ms BIGINT,
        status TEXT NOT NULL,
        http_status BIGINT,
        error_code TEXT,
        settled_at BIGINT`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'keys, budgets and the usage ledger',
    statements: [
      `CREATE TABLE outcrop_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        hash TEXT NOT NULL,
        models TEXT,
        rpm BIGINT,
        tpm BIGINT,
        tags TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT,
        revoked_at BIGINT,
        updated_at BIGINT NOT NULL
      )`,
      'CREATE UNIQUE INDEX outcrop_keys_name ON outcrop_keys (name)',
      'CREATE INDEX outcrop_keys_updated ON outcrop_keys (updated_at)',
      `CREATE TABLE outcrop_budgets (
        id TEXT PRIMARY KEY,
        scope_kind TEXT NOT NULL,
        scope TEXT NOT NULL,
        unit TEXT NOT NULL,
        period TEXT NOT NULL,
        limit_amount BIGINT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      'CREATE UNIQUE INDEX outcrop_budgets_scope ON outcrop_budgets (scope_kind, scope, unit, period)',
      `CREATE TABLE outcrop_budget_usage (
        budget_id TEXT NOT NULL,
        period_start BIGINT NOT NULL,
        used BIGINT NOT NULL,
        reserved BIGINT NOT NULL,
        PRIMARY KEY (budget_id, period_start)
      )`,
      `CREATE TABLE outcrop_ledger (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        started_at BIGINT NOT NULL,
        key_id TEXT NOT NULL,
        key_name TEXT,
        tags TEXT NOT NULL,
        dialect TEXT NOT NULL,
        model_ref TEXT NOT NULL,
        resolved_model TEXT,
        profile TEXT,
        region TEXT,
        tier TEXT,
        input_tokens BIGINT NOT NULL,
        output_tokens BIGINT NOT NULL,
        cache_read_tokens BIGINT NOT NULL,
        cache_write_tokens BIGINT NOT NULL,
        cost_nano BIGINT NOT NULL,
        reservations TEXT NOT NULL,
        ttft_ms BIGINT,
        duration_ms BIGINT,
        status TEXT NOT NULL,
        http_status BIGINT,
        error_code TEXT,
        settled_at BIGINT
      )`,
      'CREATE INDEX outcrop_ledger_started ON outcrop_ledger (started_at)',
      'CREATE INDEX outcrop_ledger_key ON outcrop_ledger (key_id, started_at)',
      // Partial: only the few rows in flight, so settling a row costs no index update on a large table.
      "CREATE INDEX outcrop_ledger_pending ON outcrop_ledger (id) WHERE status = 'pending'",
    ],
  },
  {
    version: 2,
    name: 'requests in flight in their own small table',
    // Admission wrote its write-ahead row into the ledger, whose three indexes made each hold dirty six pages.
    // A table of only the requests in flight stays a page or two; on SQLite it and the counters become
    // WITHOUT ROWID (one b-tree each instead of a table plus its primary-key index), so a hold commits fewer pages.
    statements: [
      {
        sqlite: `CREATE TABLE outcrop_holds (${HOLD_COLUMNS}) WITHOUT ROWID`,
        postgres: `CREATE TABLE outcrop_holds (${HOLD_COLUMNS})`,
      },
      `INSERT INTO outcrop_holds SELECT * FROM outcrop_ledger WHERE status = 'pending'`,
      `DELETE FROM outcrop_ledger WHERE status = 'pending'`,
      'DROP INDEX outcrop_ledger_pending',
      {
        sqlite: `CREATE TABLE outcrop_budget_usage_next (
          budget_id TEXT NOT NULL,
          period_start BIGINT NOT NULL,
          used BIGINT NOT NULL,
          reserved BIGINT NOT NULL,
          PRIMARY KEY (budget_id, period_start)
        ) WITHOUT ROWID`,
      },
      {
        sqlite:
          'INSERT INTO outcrop_budget_usage_next SELECT budget_id, period_start, used, reserved FROM outcrop_budget_usage',
      },
      { sqlite: 'DROP TABLE outcrop_budget_usage' },
      { sqlite: 'ALTER TABLE outcrop_budget_usage_next RENAME TO outcrop_budget_usage' },
    ],
  },
];

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  readonly code = 'database_too_new';
}

/** Applies the migrations this database lacks; returns the versions applied now. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  await db.run(
    'CREATE TABLE IF NOT EXISTS outcrop_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  );
  const applied: number[] = [];
  const latest = migrations.at(-1)?.version ?? 0;
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      // Two gateways starting on one PostgreSQL: the lock makes the second wait, then find the work done.
      if (db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(4141017)');
      const rows = await tx.all<{ version: number }>('SELECT version FROM outcrop_migrations');
      const versions = rows.map((r) => Number(r.version));
      const newest = Math.max(0, ...versions);
      if (newest > latest) {
        throw new MigrationError(
          `the database at ${db.location} has schema version ${newest}, newer than this Outcrop knows (${latest}); upgrade Outcrop`,
        );
      }
      if (versions.includes(migration.version)) return false;
      for (const statement of migration.statements) {
        const sql = typeof statement === 'string' ? statement : statement[db.dialect];
        if (sql !== undefined) await tx.run(sql);
      }
      await tx.run('INSERT INTO outcrop_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        Date.now(),
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}
