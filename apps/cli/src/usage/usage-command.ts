import type { CommandContext } from '../command-context.js';
import { usageError } from '../errors.js';
import { withTeamsStore } from '../keys/teams-session.js';
import { renderTable } from '../table.js';
import * as upstream from '../upstream.js';

export interface UsageOptions {
  by: string;
  since: string;
  json?: boolean;
  csv?: boolean;
}

/** `outcrop usage`: the ledger grouped by key, model, tag or day, as a table, JSON or CSV. */
export async function runUsage(context: CommandContext, options: UsageOptions): Promise<number> {
  const { USAGE_GROUPS, parseSince, reportToCsv } = await upstream.teams();
  const by = options.by as (typeof USAGE_GROUPS)[number];
  if (!USAGE_GROUPS.includes(by))
    throw usageError(`--by ${JSON.stringify(options.by)}: expected one of ${USAGE_GROUPS.join(', ')}`);
  if (options.json && options.csv) throw usageError('choose one of --json and --csv');
  return withTeamsStore(context, async (store) => {
    const since = parseSince(options.since);
    const rows = await store.usage(by, since);
    if (options.json) {
      context.term.json({ by, since: new Date(since).toISOString(), data: rows });
    } else if (options.csv) {
      context.term.write(reportToCsv(rows, by));
    } else if (rows.length === 0) {
      context.term.note(`No requests since ${new Date(since).toISOString()}.`);
    } else {
      const total = rows.reduce((sum, r) => sum + r.costUsd, 0);
      context.term.print(
        renderTable(
          [
            by.toUpperCase(),
            'REQUESTS',
            'ERRORS',
            'INPUT',
            'OUTPUT',
            'CACHE READ',
            'CACHE WRITE',
            'COST USD',
          ],
          rows.map((r) => [
            r.group,
            String(r.requests),
            String(r.errors),
            String(r.inputTokens),
            String(r.outputTokens),
            String(r.cacheReadTokens),
            String(r.cacheWriteTokens),
            r.costUsd.toFixed(4),
          ]),
          ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        ),
      );
      context.term.note(
        context.term.err.dim(`total ${total.toFixed(4)} USD since ${new Date(since).toISOString()}`),
      );
    }
    return 0;
  });
}
