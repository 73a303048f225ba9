import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { formatAgo, formatInput, formatInvocation, formatTokens } from './format.js';
import { type ModelRow, selectRows, toRow } from './model-rows.js';
import { type BedrockSession, withBedrockSession } from './session.js';
import { withProgress } from './spinner.js';
import { renderTable } from './table.js';
import type { DiscoveryResult, ModelSpec } from './upstream.js';
import * as upstream from './upstream.js';

export interface ModelsListOptions {
  json?: boolean;
  plain?: boolean;
  provider?: string;
  all?: boolean;
  refresh?: boolean;
}

/** The `--json` shape of `models list` (documented in the README). */
export interface ModelsListJson {
  count: number;
  models: ModelRow[];
  discovery: {
    enabled: boolean;
    fromCache: boolean;
    stale: boolean;
    fetchedAt: string | null;
    errors: Array<{ code: string; message: string; missingAction?: string }>;
  };
  emulator: boolean;
}

export async function runModelsList(context: CommandContext, options: ModelsListOptions): Promise<number> {
  return withBedrockSession(context, async (session) => {
    const listing = await listModels(context, session, { refresh: options.refresh === true });
    const rows = selectRows(listing.rows, { all: options.all === true, provider: options.provider });
    const { term } = context;
    if (options.json)
      term.json({ ...listing.summary, count: rows.length, models: rows } satisfies ModelsListJson);
    else if (options.plain) for (const row of rows) term.print(row.ref);
    else if (rows.length === 0 && listing.rows.length > 0 && options.provider) {
      // The filter matched nothing, not the account: name the providers it could have matched.
      const vendorOf = (row: ModelRow) =>
        row.provider === 'amazon-bedrock' ? row.baseModelId.split('.')[0] : row.provider;
      const known = [...new Set(listing.rows.map(vendorOf))].sort();
      term.print(`No models match --provider ${options.provider}. Providers here: ${known.join(', ')}.`);
    } else printTable(context, rows, listing.summary);
    // Discovery that failed outright (nothing listed, errors reported) is a failure for scripts too.
    const discovered = listing.models.some((model) => model.invocation && model.invocation !== 'configured');
    return listing.summary.discovery.errors.length > 0 && !discovered ? ExitCode.bedrock : ExitCode.ok;
  });
}

export interface Listing {
  rows: ModelRow[];
  /** The session's model catalog behind the rows (the one the gateway serves too). */
  models: ModelSpec[];
  summary: Omit<ModelsListJson, 'count' | 'models'>;
}

/** The session's models (createOutcrop's one catalog) as rows, with the discovery outcome. Shared with `models refresh`. */
export async function listModels(
  context: CommandContext,
  session: BedrockSession,
  options: { refresh: boolean },
): Promise<Listing> {
  const { config, outcrop } = session;
  const { agentModels } = await upstream.configSchema();
  const { discovery } = outcrop;
  // Strict: a listing that fails outright is this command's answer (exit 5 naming the missing permission).
  const models = await withProgress(context.term, 'Listing Bedrock models…', () =>
    outcrop.models({ refresh: options.refresh, strict: true }),
  );
  const result: DiscoveryResult | undefined = outcrop.lastDiscovery();

  const { primary, fallbacks } = agentModels(config);
  const rowOptions = { primary, fallbacks, emulator: session.emulator !== undefined, all: true };
  const rows = models.map((model) =>
    toRow(
      model.provider,
      {
        ...model,
        providerName: model.vendor,
        invocation: model.invocation ?? 'configured',
      },
      rowOptions,
    ),
  );
  return {
    rows,
    models,
    summary: {
      discovery: {
        enabled: discovery !== undefined,
        fromCache: result?.fromCache ?? false,
        stale: result?.stale ?? false,
        fetchedAt: result ? new Date(result.fetchedAt).toISOString() : null,
        errors: (result?.errors ?? []).map((error) => ({
          code: error.code,
          message: error.message,
          ...(error.missingAction ? { missingAction: error.missingAction } : {}),
        })),
      },
      emulator: session.emulator !== undefined,
    },
  };
}

function printTable(context: CommandContext, rows: ModelRow[], summary: Listing['summary']): void {
  const { term } = context;
  const c = term.out;
  if (rows.length === 0) {
    term.print('No models. Configure models.providers["amazon-bedrock"].models or enable discovery.');
  } else {
    const body = rows.map((row) => [
      row.tags.includes('default') ? c.bold(row.ref) : row.ref,
      formatInput(row.input),
      formatTokens(row.contextWindow ?? undefined),
      formatTokens(row.maxTokens ?? undefined),
      row.reasoning ? 'yes' : c.dim('no'),
      formatInvocation(row.invocation),
      c.cyan(row.tags.join(', ')),
    ]);
    term.print(
      renderTable(
        ['Model', 'Input', 'Context', 'Max out', 'Reasoning', 'Invoked as', 'Tags'].map((head) =>
          c.bold(head),
        ),
        body,
        ['left', 'left', 'right', 'right', 'left', 'left', 'left'],
      ),
    );
  }
  // The footer is for people: stderr, so `models list | grep` sees only rows.
  const e = term.err;
  const { discovery } = summary;
  const origin = !discovery.enabled
    ? 'discovery off: configured models only'
    : discovery.fromCache
      ? `from cache, fetched ${formatAgo(Date.now() - Date.parse(discovery.fetchedAt ?? ''))}${discovery.stale ? ' (stale)' : ''}; \`outcrop models refresh\` to update`
      : summary.emulator
        ? 'listed from the embedded emulator just now'
        : 'listed from Bedrock just now';
  term.note(e.dim(`${rows.length} model${rows.length === 1 ? '' : 's'} · ${origin}`));
  for (const error of discovery.errors) {
    term.note(
      `${e.yellow('warning')}: ${error.message}${error.missingAction ? ` (needs ${error.missingAction})` : ''}`,
    );
  }
}
