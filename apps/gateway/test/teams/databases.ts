import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The two databases every teams test runs against: a fresh SQLite file, and a fresh PostgreSQL database. */
export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  /** For openDatabase / the config. */
  url?: string;
  path: string;
  cleanup(): Promise<void>;
}

export const postgresAvailable = () => inject('postgresUrl') !== '';

export const DATABASES = ['sqlite', 'postgres'] as const;

export async function freshDatabase(kind: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'outcrop-teams-'));
  const path = join(dir, 'outcrop.db');
  if (kind === 'sqlite') {
    return { kind, path, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = base.replace(/\/postgres$/, `/${name}`);
  return {
    kind,
    url,
    path,
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
