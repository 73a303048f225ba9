import { timingSafeEqual } from 'node:crypto';
import { GatewayError } from '../errors.js';
import { hashKey, keyIdOf } from './key-format.js';
import type { TeamsStore } from './teams-store.js';
import type { BudgetRecord, KeyRecord } from './types.js';

/** How often a running gateway looks for keys and budgets another process (the CLI) changed. */
export const REFRESH_MS = 2_000;

const unauthorized = (code: string, message: string) =>
  new GatewayError(code, message, { headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });

/**
 * The gateway's in-memory view of keys and budgets: a request looks its key up by id in a Map and never waits
 * for the database once the key is known. Changes made through this gateway apply at once; changes made by
 * another process (the CLI, another gateway) are picked up every REFRESH_MS.
 */
export class KeyDirectory {
  private readonly keys = new Map<string, KeyRecord>();
  private budgets: BudgetRecord[] = [];
  private readonly budgetsByScope = new Map<string, BudgetRecord[]>();
  private seenUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Whether an active key exists, and until when that answer holds (the key found may expire). */
  private active: { any: boolean; until: number } | undefined;

  constructor(
    private readonly store: TeamsStore,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<void> {
    this.active = undefined;
    const keys = await this.store.keys.list();
    for (const k of keys) this.keys.set(k.id, k);
    this.seenUntil = Math.max(0, ...keys.map((k) => k.updatedAt));
    this.setBudgets(await this.store.budgets.list());
  }

  /** Polls for changes; errors are left to the next poll (the ledger reports a failing database). */
  start(onError: (err: unknown) => void): void {
    this.timer = setInterval(() => {
      this.refresh().catch(onError);
    }, REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    for (const k of await this.store.keys.changedSince(this.seenUntil)) this.remember(k);
    this.setBudgets(await this.store.budgets.list());
  }

  remember(key: KeyRecord): void {
    this.active = undefined;
    this.keys.set(key.id, key);
    this.seenUntil = Math.max(this.seenUntil, key.updatedAt);
  }

  setBudgets(budgets: BudgetRecord[]): void {
    this.budgets = budgets;
    this.budgetsByScope.clear();
    for (const b of budgets) {
      const scope = `${b.scopeKind}:${b.scope}`;
      const list = this.budgetsByScope.get(scope);
      if (list) list.push(b);
      else this.budgetsByScope.set(scope, [b]);
    }
  }

  /** The key's own budgets and its tags' budgets. */
  budgetsFor(key: KeyRecord): BudgetRecord[] {
    const own = this.budgetsByScope.get(`key:${key.id}`) ?? [];
    const tags = Object.entries(key.tags);
    if (tags.length === 0) return own;
    const out = [...own];
    for (const [k, v] of tags) out.push(...(this.budgetsByScope.get(`tag:${k}=${v}`) ?? []));
    return out;
  }

  /**
   * True while some key is neither revoked nor expired: then requests must carry a key. Cached until a key
   * changes or the key it found expires, so an anonymous request does not scan every key.
   */
  hasActiveKey(): boolean {
    const now = this.now();
    if (this.active && now < this.active.until) return this.active.any;
    let found: KeyRecord | undefined;
    for (const key of this.keys.values()) {
      if (key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= now)) continue;
      if (key.expiresAt === null) {
        found = key;
        break;
      }
      if (!found || key.expiresAt > found.expiresAt!) found = key; // the one that stays active longest
    }
    this.active = { any: found !== undefined, until: found?.expiresAt ?? Number.POSITIVE_INFINITY };
    return this.active.any;
  }

  get size(): number {
    return this.keys.size;
  }

  get allBudgets(): readonly BudgetRecord[] {
    return this.budgets;
  }

  /** The key a presented virtual key belongs to, or a 401 that says what is wrong with it. */
  async authenticate(token: string): Promise<KeyRecord> {
    const id = keyIdOf(token);
    if (id === undefined) {
      throw unauthorized(
        'key_malformed',
        'Malformed virtual key: expected ocp_<12 hex>_<43 characters>, as printed by outcrop keys create.',
      );
    }
    let key = this.keys.get(id);
    if (!key) {
      // A key made since the last refresh (by the CLI): one lookup, then it is cached.
      const found = await this.store.keys.findById(id);
      if (found) this.remember(found);
      key = found;
    }
    const presented = Buffer.from(hashKey(token), 'hex');
    if (!key || !timingSafeEqual(presented, Buffer.from(key.hash, 'hex'))) {
      throw unauthorized(
        'key_unknown',
        'Unknown virtual key: no key with this secret exists (it may have been rotated).',
      );
    }
    if (key.revokedAt !== null) {
      throw unauthorized(
        'key_revoked',
        `Virtual key ${key.name} was revoked on ${new Date(key.revokedAt).toISOString()}.`,
      );
    }
    if (key.expiresAt !== null && key.expiresAt <= this.now()) {
      throw unauthorized(
        'key_expired',
        `Virtual key ${key.name} expired on ${new Date(key.expiresAt).toISOString()}.`,
      );
    }
    return key;
  }
}
