// The admin API's shapes as the console reads them (apps/gateway/src/teams/admin-api.ts serves them).
import { getJson, sendJson } from './api.js';

export interface BudgetLevel {
  id: string;
  budget: string;
  used?: number;
  reserved?: number;
  limit: number;
  unit: 'usd' | 'tokens';
  resetsAt: string | null;
}

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
  budgets: BudgetLevel[];
}

export interface UsageRow {
  group: string;
  requests: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costUsd: number;
}

export type UsageGroup = 'key' | 'model' | 'tag' | 'day';

export interface CreateKeyInput {
  name: string;
  budgets?: string[];
  models?: string[];
  rpm?: number;
  tpm?: number;
  tags?: Record<string, string>;
}

export const adminApi = {
  keys: async () => (await getJson<{ data: KeyView[] }>('/admin/keys')).data,
  usage: async (by: UsageGroup, since: string) =>
    (await getJson<{ data: UsageRow[] }>(`/admin/usage?by=${by}&since=${encodeURIComponent(since)}`)).data,
  createKey: (input: CreateKeyInput) => sendJson<KeyView & { key: string }>('/admin/keys', 'POST', input),
  rotateKey: (id: string) =>
    sendJson<KeyView & { key: string }>(`/admin/keys/${encodeURIComponent(id)}/rotate`, 'POST'),
  revokeKey: (id: string) => sendJson<KeyView>(`/admin/keys/${encodeURIComponent(id)}/revoke`, 'POST'),
};
