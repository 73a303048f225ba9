import type { BudgetPeriod, BudgetUnit } from './budget-spec.js';

export interface KeyRecord {
  id: string;
  name: string;
  hash: string;
  /** Model patterns the key may call; null = any. */
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  tags: Record<string, string>;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  updatedAt: number;
}

export interface BudgetRecord {
  /** `<scopeKind>:<scope>:<unit>/<period>`: stable and readable, so a 429 can name it. */
  id: string;
  scopeKind: 'key' | 'tag';
  /** A key id, or a tag as `name=value`. */
  scope: string;
  unit: BudgetUnit;
  period: BudgetPeriod;
  limit: number;
  createdAt: number;
}

/** Part of a budget held for one request until it settles. */
export interface Reservation {
  budgetId: string;
  unit: BudgetUnit;
  periodStart: number;
  amount: number;
}

/** One ledger row; no prompt or completion content. */
export interface LedgerRow {
  id: string;
  requestId: string;
  startedAt: number;
  keyId: string;
  keyName: string | null;
  tags: Record<string, string>;
  dialect: string;
  modelRef: string;
  resolvedModel: string | null;
  profile: string | null;
  region: string | null;
  tier: string | null;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costNano: number;
  reservations: Reservation[];
  ttftMs: number | null;
  durationMs: number | null;
  status: 'pending' | 'ok' | 'error' | 'interrupted';
  httpStatus: number | null;
  errorCode: string | null;
  settledAt: number | null;
}
