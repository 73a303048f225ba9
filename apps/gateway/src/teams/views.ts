// What keys, budgets and usage look like outside the store: the admin API's JSON, `outcrop keys` / `outcrop usage`
// and the web console. Types only and no imports, so the browser console (console/tsconfig.json, no Node types)
// imports this very file instead of restating it.

/** A key as shown to people and the admin API: never its hash. */
export interface KeyView {
  id: string;
  name: string;
  status: 'active' | 'revoked' | 'expired';
  models: string[] | null;
  rpm: number | null;
  tpm: number | null;
  tags: Record<string, string>;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  budgets: BudgetView[];
}

export interface BudgetView {
  id: string;
  budget: string;
  used?: number;
  reserved?: number;
  limit: number;
  unit: 'usd' | 'tokens';
  /** When the current period ends (ISO); null for a budget that never resets. */
  resetsAt: string | null;
}

export type UsageGroup = 'key' | 'model' | 'tag' | 'day';

export interface UsageReportRow {
  group: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}
