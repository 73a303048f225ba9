import { type BudgetSpec, periodStart } from './budget-spec.js';
import type { Database, Executor, Row } from './db.js';
import type { BudgetRecord, KeyRecord, LedgerRow, Reservation } from './types.js';

/** What one request asks of one budget at admission. */
export interface Charge {
  budget: BudgetRecord;
  periodStart: number;
  amount: number;
}

export type AdmitResult =
  | { ok: true; levels: { budget: BudgetRecord; used: number; reserved: number }[] }
  | { ok: false; budget: BudgetRecord; used: number; reserved: number; asked: number };

class Refused extends Error {
  constructor(readonly result: Extract<AdmitResult, { ok: false }>) {
    super('refused');
  }
}

function toBudget(row: Row): BudgetRecord {
  return {
    id: String(row.id),
    scopeKind: row.scope_kind as BudgetRecord['scopeKind'],
    scope: String(row.scope),
    unit: row.unit as BudgetRecord['unit'],
    period: row.period as BudgetRecord['period'],
    limit: Number(row.limit_amount),
    createdAt: Number(row.created_at),
  };
}

export function budgetId(scopeKind: 'key' | 'tag', scope: string, spec: Pick<BudgetSpec, 'unit' | 'period'>) {
  return `${scopeKind}:${scope}:${spec.unit}/${spec.period}`;
}

const LEDGER_COLUMNS = [
  'id',
  'request_id',
  'started_at',
  'key_id',
  'key_name',
  'tags',
  'dialect',
  'model_ref',
  'resolved_model',
  'profile',
  'region',
  'tier',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cost_nano',
  'reservations',
  'ttft_ms',
  'duration_ms',
  'status',
  'http_status',
  'error_code',
  'settled_at',
] as const;

// A key's tags are one object for all its requests (the directory's record): serialize them once.
const tagsJson = new WeakMap<Record<string, string>, string>();
function tagsText(tags: Record<string, string>): string {
  let text = tagsJson.get(tags);
  if (text === undefined) {
    text = JSON.stringify(tags);
    tagsJson.set(tags, text);
  }
  return text;
}

function ledgerValues(row: LedgerRow): unknown[] {
  return [
    row.id,
    row.requestId,
    row.startedAt,
    row.keyId,
    row.keyName,
    tagsText(row.tags),
    row.dialect,
    row.modelRef,
    row.resolvedModel,
    row.profile,
    row.region,
    row.tier,
    row.inputTokens,
    row.outputTokens,
    row.cacheReadTokens,
    row.cacheWriteTokens,
    row.costNano,
    JSON.stringify(row.reservations),
    row.ttftMs,
    row.durationMs,
    row.status,
    row.httpStatus,
    row.errorCode,
    row.settledAt,
  ];
}

const HOLD = `INSERT INTO outcrop_budget_usage (budget_id, period_start, used, reserved)
  SELECT ?, CAST(? AS BIGINT), 0, CAST(? AS BIGINT) WHERE CAST(? AS BIGINT) <= CAST(? AS BIGINT)
  ON CONFLICT (budget_id, period_start) DO UPDATE
  SET reserved = outcrop_budget_usage.reserved + excluded.reserved
  WHERE outcrop_budget_usage.used + outcrop_budget_usage.reserved + excluded.reserved <= CAST(? AS BIGINT)
  RETURNING used, reserved`;

const VALUES = `(${LEDGER_COLUMNS.join(', ')}) VALUES (${LEDGER_COLUMNS.map(() => '?').join(', ')})`;
/** A finished request's row; `id` makes a retried write a no-op. */
const INSERT_LEDGER = `INSERT INTO outcrop_ledger ${VALUES} ON CONFLICT (id) DO NOTHING`;
/** A request in flight that holds budget: written ahead, removed when its ledger row is written. */
const INSERT_HOLD = `INSERT INTO outcrop_holds ${VALUES}`;
const DELETE_HOLD = 'DELETE FROM outcrop_holds WHERE id = ?';

const BIGINT_COLUMNS = new Set<string>([
  'started_at',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'cost_nano',
  'ttft_ms',
  'duration_ms',
  'http_status',
  'settled_at',
]);
/**
 * PostgreSQL, one budget: the hold and the write-ahead row as one statement (its own transaction), one round trip
 * instead of four. The row is written only if the hold succeeded; the hold's WHERE is re-checked on the locked row
 * as in the transaction, so the race guarantee is the same.
 */
const HOLD_AND_WRITE_AHEAD = `WITH held AS (${HOLD}),
  written AS (INSERT INTO outcrop_holds (${LEDGER_COLUMNS.join(', ')})
    SELECT ${LEDGER_COLUMNS.map((c) => `CAST(? AS ${BIGINT_COLUMNS.has(c) ? 'BIGINT' : 'TEXT'})`).join(', ')} FROM held)
  SELECT used, reserved FROM held`;

/** What a settled request actually used of each budget it held. */
export function actualAmount(row: LedgerRow, unit: Reservation['unit']): number {
  return unit === 'usd'
    ? row.costNano
    : row.inputTokens + row.outputTokens + row.cacheReadTokens + row.cacheWriteTokens;
}

/**
 * Budgets and their counters. Admission reserves the estimate with one conditional UPDATE per budget
 * (`used + reserved + asked <= limit`), all in one transaction with the request's write-ahead row in `outcrop_holds`: the check and the
 * hold are one atomic step on both databases, so concurrent requests can never all see room that only one has.
 */
export class BudgetStore {
  constructor(private readonly db: Database) {}

  async set(
    scopeKind: 'key' | 'tag',
    scope: string,
    spec: BudgetSpec,
    at = Date.now(),
  ): Promise<BudgetRecord> {
    const id = budgetId(scopeKind, scope, spec);
    await this.db.run(
      `INSERT INTO outcrop_budgets (id, scope_kind, scope, unit, period, limit_amount, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET limit_amount = excluded.limit_amount`,
      [id, scopeKind, scope, spec.unit, spec.period, spec.limit, at],
    );
    const rows = await this.db.all('SELECT * FROM outcrop_budgets WHERE id = ?', [id]);
    return toBudget(rows[0]!);
  }

  async remove(id: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM outcrop_budgets WHERE id = ?', [id])).changes > 0;
  }

  async list(): Promise<BudgetRecord[]> {
    return (await this.db.all('SELECT * FROM outcrop_budgets ORDER BY id')).map(toBudget);
  }

  /** The budgets that apply to a key: its own and those of each of its tags. */
  async forKey(key: KeyRecord): Promise<BudgetRecord[]> {
    const tags = Object.entries(key.tags).map(([k, v]) => `${k}=${v}`);
    const scopes = ['key', key.id, ...tags.flatMap((t) => ['tag', t])];
    const where = [
      '(scope_kind = ? AND scope = ?)',
      ...tags.map(() => '(scope_kind = ? AND scope = ?)'),
    ].join(' OR ');
    return (await this.db.all(`SELECT * FROM outcrop_budgets WHERE ${where} ORDER BY id`, scopes)).map(
      toBudget,
    );
  }

  /** Current use of each budget in the window `at` falls in. */
  async levels(budgets: BudgetRecord[], at = Date.now()) {
    const out: { budget: BudgetRecord; used: number; reserved: number }[] = [];
    for (const budget of budgets) {
      const rows = await this.db.all(
        'SELECT used, reserved FROM outcrop_budget_usage WHERE budget_id = ? AND period_start = ?',
        [budget.id, periodStart(budget.period, at)],
      );
      out.push({ budget, used: Number(rows[0]?.used ?? 0), reserved: Number(rows[0]?.reserved ?? 0) });
    }
    return out;
  }

  /** Holds every charge and writes the request ahead (`outcrop_holds`), or holds nothing and says which budget is full. */
  async admit(charges: Charge[], pending: LedgerRow): Promise<AdmitResult> {
    if (this.db.dialect === 'postgres' && charges.length === 1) return this.admitOne(charges[0]!, pending);
    const ordered =
      charges.length < 2 ? charges : [...charges].sort((a, b) => (a.budget.id < b.budget.id ? -1 : 1)); // one lock order
    try {
      return await this.db.transaction(async (tx) => {
        const levels: Extract<AdmitResult, { ok: true }>['levels'] = [];
        for (const { budget, periodStart: start, amount } of ordered) {
          // One statement (parameters cast: PostgreSQL would compare untyped ones as text): the first hold of a window creates its row, later ones add to it, and neither
          // happens past the limit. PostgreSQL re-checks the WHERE on the locked row, so racing holds queue up.
          const held = await tx.all(HOLD, [budget.id, start, amount, amount, budget.limit, budget.limit]);
          if (!held[0]) {
            const now = await tx.all(
              'SELECT used, reserved FROM outcrop_budget_usage WHERE budget_id = ? AND period_start = ?',
              [budget.id, start],
            );
            throw new Refused({
              ok: false,
              budget,
              used: Number(now[0]?.used ?? 0),
              reserved: Number(now[0]?.reserved ?? 0),
              asked: amount,
            });
          }
          levels.push({ budget, used: Number(held[0].used), reserved: Number(held[0].reserved) });
        }
        await tx.run(INSERT_HOLD, ledgerValues(pending));
        return { ok: true as const, levels };
      });
    } catch (err) {
      if (err instanceof Refused) return err.result;
      throw err;
    }
  }

  private async admitOne(charge: Charge, pending: LedgerRow): Promise<AdmitResult> {
    const { budget, periodStart: start, amount } = charge;
    const held = await this.db.all(HOLD_AND_WRITE_AHEAD, [
      ...[budget.id, start, amount, amount, budget.limit, budget.limit],
      ...ledgerValues(pending),
    ]);
    if (held[0]) {
      return {
        ok: true,
        levels: [{ budget, used: Number(held[0].used), reserved: Number(held[0].reserved) }],
      };
    }
    const [now] = await this.levels([budget], start); // the window that starts at `start`
    return { ok: false, budget, used: now?.used ?? 0, reserved: now?.reserved ?? 0, asked: amount };
  }

  /**
   * Writes finished rows: each is inserted once, and a request written ahead has its hold turned into real use.
   * Safe to retry after a failure whose outcome is unknown.
   */
  async settle(rows: LedgerRow[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const row of rows) await settleOne(tx, row);
    });
  }

  /** Requests left in flight by a gateway that stopped mid-request: their holds are charged as used, in full. */
  async reconcile(at = Date.now()): Promise<number> {
    const pending = await this.db.all('SELECT * FROM outcrop_holds');
    for (const raw of pending) {
      const reservations = JSON.parse(String(raw.reservations)) as Reservation[];
      const usd = reservations.find((r) => r.unit === 'usd');
      const row: LedgerRow = {
        ...ledgerFromRow(raw),
        status: 'interrupted',
        errorCode: 'gateway_stopped',
        costNano: usd?.amount ?? 0,
        settledAt: at,
      };
      await this.db.transaction(async (tx) => {
        // Gone: settled or reconciled by another gateway on the same database since the SELECT.
        if ((await tx.run(DELETE_HOLD, [row.id])).changes === 0) return;
        await tx.run(INSERT_LEDGER, ledgerValues(row));
        // Charged as reserved: a crash never lets spend escape its budget.
        for (const r of reservations) {
          await tx.run(
            'UPDATE outcrop_budget_usage SET reserved = reserved - ?, used = used + ? WHERE budget_id = ? AND period_start = ?',
            [r.amount, r.amount, r.budgetId, r.periodStart],
          );
        }
      });
    }
    return pending.length;
  }
}

async function settleOne(tx: Executor, row: LedgerRow): Promise<void> {
  // A row written before (a retry, or reconciled as interrupted) changes nothing.
  if ((await tx.run(INSERT_LEDGER, ledgerValues(row))).changes === 0) return;
  if (row.reservations.length > 0) await tx.run(DELETE_HOLD, [row.id]);
  for (const r of row.reservations) {
    const actual = actualAmount(row, r.unit);
    await tx.run(
      `INSERT INTO outcrop_budget_usage (budget_id, period_start, used, reserved) VALUES (?, ?, ?, 0)
       ON CONFLICT (budget_id, period_start) DO UPDATE
       SET used = outcrop_budget_usage.used + excluded.used, reserved = outcrop_budget_usage.reserved - ?`,
      [r.budgetId, r.periodStart, actual, r.amount],
    );
  }
}

export function ledgerFromRow(raw: Row): LedgerRow {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    id: String(raw.id),
    requestId: String(raw.request_id),
    startedAt: Number(raw.started_at),
    keyId: String(raw.key_id),
    keyName: (raw.key_name as string | null) ?? null,
    tags: JSON.parse(String(raw.tags)) as Record<string, string>,
    dialect: String(raw.dialect),
    modelRef: String(raw.model_ref),
    resolvedModel: (raw.resolved_model as string | null) ?? null,
    profile: (raw.profile as string | null) ?? null,
    region: (raw.region as string | null) ?? null,
    tier: (raw.tier as string | null) ?? null,
    inputTokens: Number(raw.input_tokens),
    outputTokens: Number(raw.output_tokens),
    cacheReadTokens: Number(raw.cache_read_tokens),
    cacheWriteTokens: Number(raw.cache_write_tokens),
    costNano: Number(raw.cost_nano),
    reservations: JSON.parse(String(raw.reservations)) as Reservation[],
    ttftMs: num(raw.ttft_ms),
    durationMs: num(raw.duration_ms),
    status: raw.status as LedgerRow['status'],
    httpStatus: num(raw.http_status),
    errorCode: (raw.error_code as string | null) ?? null,
    settledAt: num(raw.settled_at),
  };
}
