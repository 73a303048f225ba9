import type { Database } from './db.js';
import type { UsageGroup, UsageReportRow } from './views.js';

export type { UsageGroup, UsageReportRow };
export const USAGE_GROUPS: readonly UsageGroup[] = ['key', 'model', 'tag', 'day'];

export class UsageQueryError extends Error {
  override readonly name = 'UsageQueryError';
  readonly code = 'usage_query_invalid';
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `7d`, `24h`, `30m`, `2w`, or an ISO date/time: the start of a report, as epoch ms. */
export function parseSince(text: string, now = Date.now()): number {
  const rel = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  if (rel) return now - Number(rel[1]) * UNITS[rel[2]!]!;
  const at = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(at)) return at;
  throw new UsageQueryError(
    `--since ${JSON.stringify(text)}: expected 30m, 24h, 7d, 2w or a date like 2026-12-01`,
  );
}

const SUMS = `COUNT(*) AS requests,
  SUM(CASE WHEN status = 'ok' THEN 0 ELSE 1 END) AS errors,
  SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
  SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens,
  SUM(cost_nano) AS cost_nano`;

/** Settled rows and the requests in flight (their holds), as one table. */
const LEDGER = '(SELECT * FROM outcrop_ledger UNION ALL SELECT * FROM outcrop_holds) AS ledger';

/** Usage since `since`, grouped; settled and in-flight requests alike (in flight counts as not ok). */
export async function usageReport(
  db: Database,
  options: { by: UsageGroup; since: number },
): Promise<UsageReportRow[]> {
  const { by, since } = options;
  if (by === 'tag') return tagReport(db, since);
  const expr = {
    key: 'COALESCE(key_name, key_id)',
    model: 'COALESCE(resolved_model, model_ref)',
    day: 'started_at / 86400000',
  }[by];
  const rows = await db.all(
    `SELECT ${expr} AS grp, ${SUMS} FROM ${LEDGER} WHERE started_at >= ? GROUP BY ${expr} ORDER BY SUM(cost_nano) DESC, ${expr}`,
    [since],
  );
  const out = rows.map((r) => toReportRow(by === 'day' ? dayOf(Number(r.grp)) : String(r.grp), r));
  if (by === 'day') out.sort((a, b) => (a.group < b.group ? -1 : 1));
  return out;
}

async function tagReport(db: Database, since: number): Promise<UsageReportRow[]> {
  const rows = await db.all(
    `SELECT tags AS grp, ${SUMS} FROM ${LEDGER} WHERE started_at >= ? GROUP BY tags`,
    [since],
  );
  const byTag = new Map<string, UsageReportRow>();
  for (const r of rows) {
    const tags = Object.entries(JSON.parse(String(r.grp)) as Record<string, string>).map(
      ([k, v]) => `${k}=${v}`,
    );
    for (const tag of tags.length > 0 ? tags : ['(untagged)']) {
      const row = toReportRow(tag, r);
      const sum = byTag.get(tag);
      if (!sum) byTag.set(tag, row);
      else {
        for (const k of [
          'requests',
          'errors',
          'inputTokens',
          'outputTokens',
          'cacheReadTokens',
          'cacheWriteTokens',
          'costUsd',
        ] as const) {
          sum[k] += row[k];
        }
      }
    }
  }
  return [...byTag.values()].sort((a, b) => b.costUsd - a.costUsd || (a.group < b.group ? -1 : 1));
}

function toReportRow(group: string, r: Record<string, unknown>): UsageReportRow {
  return {
    group,
    requests: Number(r.requests),
    errors: Number(r.errors ?? 0),
    inputTokens: Number(r.input_tokens ?? 0),
    outputTokens: Number(r.output_tokens ?? 0),
    cacheReadTokens: Number(r.cache_read_tokens ?? 0),
    cacheWriteTokens: Number(r.cache_write_tokens ?? 0),
    costUsd: Number(r.cost_nano ?? 0) / 1e9,
  };
}

function dayOf(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

export function reportToCsv(rows: UsageReportRow[], by: UsageGroup): string {
  const head = [
    by,
    'requests',
    'errors',
    'input_tokens',
    'output_tokens',
    'cache_read_tokens',
    'cache_write_tokens',
    'cost_usd',
  ];
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = rows.map((r) =>
    [
      quote(r.group),
      r.requests,
      r.errors,
      r.inputTokens,
      r.outputTokens,
      r.cacheReadTokens,
      r.cacheWriteTokens,
      r.costUsd.toFixed(6),
    ].join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}
