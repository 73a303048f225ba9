import { homedir } from 'node:os';
import { join } from 'node:path';
import type { OutcropConfig } from '@outcrop/config-schema';
import { type BudgetSpec, formatBudgetSpec, parseBudgetSpec, periodEnd } from './budget-spec.js';
import { BudgetStore } from './budget-store.js';
import { type Database, openDatabase } from './db.js';
import { KeyStore, type NewKey, validateNewKey } from './key-store.js';
import { migrate } from './migrations.js';
import type { BudgetRecord, KeyRecord } from './types.js';
import { usageReport } from './usage-report.js';
import type { BudgetView, KeyView, UsageGroup, UsageReportRow } from './views.js';

export type { BudgetView, KeyView };

export interface OpenTeamsStoreOptions {
  config: OutcropConfig;
  homeDir?: string;
  now?: () => number;
}

/** The SQLite file when no PostgreSQL URL is set: `gateway.database.path`, else `~/.outcrop/outcrop.db`. */
export function defaultDatabasePath(config: OutcropConfig, homeDir = homedir()): string {
  return config.gateway.database.path ?? join(homeDir, '.outcrop', 'outcrop.db');
}

export interface CreateKeyInput extends NewKey {
  budgets?: string[];
}

/**
 * Keys, budgets and usage on the configured database, with the schema migrated: what `outcrop keys`,
 * `outcrop usage` and the admin API share.
 */
export class TeamsStore {
  readonly keys: KeyStore;
  readonly budgets: BudgetStore;

  constructor(
    readonly db: Database,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = new KeyStore(db, now);
    this.budgets = new BudgetStore(db);
  }

  async createKey(input: CreateKeyInput): Promise<{ key: string; view: KeyView }> {
    validateNewKey(input);
    const specs: BudgetSpec[] = (input.budgets ?? []).map(parseBudgetSpec); // all checked before anything is written
    const { key, record } = await this.keys.create(input);
    for (const spec of specs) await this.budgets.set('key', record.id, spec, this.now());
    return { key, view: await this.view(record) };
  }

  async setTagBudget(tag: string, budget: string): Promise<BudgetRecord> {
    if (!/^[A-Za-z0-9._-]{1,64}=[A-Za-z0-9._-]{1,64}$/.test(tag)) {
      throw new Error(`tag ${JSON.stringify(tag)}: expected name=value`);
    }
    return this.budgets.set('tag', tag, parseBudgetSpec(budget), this.now());
  }

  async view(record: KeyRecord): Promise<KeyView> {
    const now = this.now();
    const levels = await this.budgets.levels(await this.budgets.forKey(record), now);
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: record.id,
      name: record.name,
      status: keyStatus(record, now),
      models: record.models,
      rpm: record.rpm,
      tpm: record.tpm,
      tags: record.tags,
      createdAt: new Date(record.createdAt).toISOString(),
      expiresAt: iso(record.expiresAt),
      revokedAt: iso(record.revokedAt),
      budgets: levels.map(({ budget, used, reserved }) => ({
        id: budget.id,
        budget: formatBudgetSpec(budget),
        used,
        reserved,
        limit: budget.limit,
        unit: budget.unit,
        resetsAt: iso(periodEnd(budget.period, now) ?? null),
      })),
    };
  }

  async listViews(): Promise<KeyView[]> {
    return Promise.all((await this.keys.list()).map((r) => this.view(r)));
  }

  usage(by: UsageGroup, since: number): Promise<UsageReportRow[]> {
    return usageReport(this.db, { by, since });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export function keyStatus(record: KeyRecord, now: number): KeyView['status'] {
  if (record.revokedAt !== null) return 'revoked';
  if (record.expiresAt !== null && record.expiresAt <= now) return 'expired';
  return 'active';
}

/** Opens the configured database (SQLite by default, PostgreSQL with `gateway.database.url`) and migrates it. */
export async function openTeamsStore(options: OpenTeamsStoreOptions): Promise<TeamsStore> {
  const db = await openDatabase({
    url: options.config.gateway.database.url,
    path: defaultDatabasePath(options.config, options.homeDir),
  });
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return new TeamsStore(db, options.now);
}
