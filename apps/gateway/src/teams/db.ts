import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';

/**
 * One small executor over both databases, so keys, budgets and the ledger are written once. SQL is written with
 * `?` placeholders (rewritten to `$n` for PostgreSQL) and only uses what both dialects share: ON CONFLICT,
 * RETURNING, BIGINT (SQLite gives it integer affinity), TEXT. Numbers come back as JS numbers on both.
 */
export type Row = Record<string, unknown>;

export interface Executor {
  all<T extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; `changes` is the number of rows it touched. */
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
}

export interface Database extends Executor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where it is, with no secret (a URL's password is masked). */
  readonly location: string;
  /** All or nothing; `fn`'s executor is the only way to reach the database inside it. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A database that cannot be opened or reached: the message names where, never a password. */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  readonly code = 'database_unavailable';
  readonly hint: string;
  constructor(message: string, options: { cause?: unknown; hint: string }) {
    super(message, { cause: options.cause });
    this.hint = options.hint;
  }
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; unset = SQLite at `path`. */
  url?: string | undefined;
  path: string;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url) : openSqlite(options.path);
}

export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

// better-sqlite3 and pg are CommonJS and load only for the dialect in use.
const require = createRequire(import.meta.url);

function openSqlite(path: string): Database {
  let db: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const Sqlite = require('better-sqlite3') as typeof BetterSqlite3;
    db = new Sqlite(path);
    // WAL: readers never block the writer; NORMAL: a commit is durable at the next checkpoint, never corrupt.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    throw new DatabaseError(`cannot open the SQLite database ${path}: ${(err as Error).message}`, {
      cause: err,
      hint: 'set gateway.database.path to a writable file, or gateway.database.url to a PostgreSQL server',
    });
  }
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      if (cache.size < 256) cache.set(sql, stmt);
    }
    return stmt;
  };
  const direct: Executor = {
    async all<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const stmt = prepare(sql);
      if (stmt.reader) return stmt.all(...params) as T[];
      stmt.run(...params);
      return [];
    },
    async run(sql, params = []) {
      return { changes: prepare(sql).run(...params).changes };
    },
  };
  // Prepared once: a hold is a few tens of microseconds, and parsing these each time was a visible part of it.
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  // One connection: a transaction holds it until it ends, and everyone else waits their turn.
  let queue: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  const whenFree = async <T>(fn: () => Promise<T>): Promise<T> => {
    if (!inTransaction) return fn();
    const turn = queue.then(fn, fn);
    queue = turn.catch(() => {});
    return turn;
  };
  return {
    dialect: 'sqlite',
    location: path,
    all: (sql, params) => whenFree(() => direct.all(sql, params)),
    run: (sql, params) => whenFree(() => direct.run(sql, params)),
    transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
      const body = async () => {
        inTransaction = true;
        begin.run();
        try {
          const result = await fn(direct);
          commit.run();
          return result;
        } catch (err) {
          if (db.inTransaction) rollback.run();
          throw err;
        } finally {
          inTransaction = false;
        }
      };
      const turn = queue.then(body, body);
      queue = turn.catch(() => {});
      return turn;
    },
    async close() {
      await queue;
      db.close();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pg = require('pg') as typeof import('pg');
  // BIGINT (oid 20) and NUMERIC (1700) as numbers: our amounts stay far below 2^53.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
  const location = maskUrl(url);
  const pool: Pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  pool.on('error', () => {}); // an idle client's error surfaces on its next query instead
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseError(`cannot reach PostgreSQL at ${location}: ${(err as Error).message}`, {
      cause: err,
      hint: 'start the server or fix gateway.database.url; unset it to use the embedded SQLite database',
    });
  }
  const on = (client: Pool | PoolClient): Executor => ({
    async all<T extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await client.query(numbered(sql), [...params])).rows as T[];
    },
    async run(sql, params = []) {
      return { changes: (await client.query(numbered(sql), [...params])).rowCount ?? 0 };
    },
  });
  const direct = on(pool);
  return {
    dialect: 'postgres',
    location,
    all: direct.all,
    run: direct.run,
    async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      // A checked-out client has no pool listener: a server that drops it between two statements would emit an
      // unhandled 'error' and stop the process. The next query rejects anyway; the broken client is discarded.
      let broken: Error | undefined;
      const onError = (err: Error) => {
        broken = err;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
}

const numberedCache = new Map<string, string>();

/** `?` placeholders to `$1..$n` (our SQL never has a `?` inside a string literal). */
function numbered(sql: string): string {
  let out = numberedCache.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    if (numberedCache.size < 512) numberedCache.set(sql, out);
  }
  return out;
}
