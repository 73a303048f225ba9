// The admin API's shapes as the console reads them (apps/gateway/src/teams/admin-api.ts serves them).
import type { KeyView, UsageGroup, UsageReportRow } from '../../src/teams/views.js';
import { getJson, sendJson } from './api.js';

// The server's own view types (types only, erased from the bundle), so the console cannot drift from them.
export type { BudgetView, KeyView, UsageGroup, UsageReportRow } from '../../src/teams/views.js';

/** The body of `POST /admin/keys` (the admin API's zod schema checks it). */
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
    (await getJson<{ data: UsageReportRow[] }>(`/admin/usage?by=${by}&since=${encodeURIComponent(since)}`))
      .data,
  createKey: (input: CreateKeyInput) => sendJson<KeyView & { key: string }>('/admin/keys', 'POST', input),
  rotateKey: (id: string) =>
    sendJson<KeyView & { key: string }>(`/admin/keys/${encodeURIComponent(id)}/rotate`, 'POST'),
  revokeKey: (id: string) => sendJson<KeyView>(`/admin/keys/${encodeURIComponent(id)}/revoke`, 'POST'),
};
