import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { formatAgo, formatInput, formatInvocation, formatTokens } from './format.js';
import { type ModelKind, type ModelRow, selectRows, toRow } from './model-rows.js';
import { type BedrockSession, withBedrockSession } from './session.js';
import { withProgress } from './spinner.js';
import { renderTable } from './table.js';
import type { DiscoveryResult, ModelSpec } from './upstream.js';
import * as upstream from './upstream.js';

export interface ModelsListOptions {
  json?: boolean;
  plain?: boolean;
  provider?: string;
  kind?: ModelKind;
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
    const rows = selectRows(listing.rows, {
      all: options.all === true,
      provider: options.provider,
      kind: options.kind,
    });
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
  /** Chat models (the catalog), then Bedrock's embedding models the catalog does not list. */
  rows: ModelRow[];
  /** The session's model catalog behind the chat rows (the one the gateway serves too). */
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
  // Embedding models as the gateway's /v1/models lists them: the table's rows after the catalog's (a
  // configured model with a table id already carries the table's limits).
  const table = outcrop.embeddingModels();
  const listed = new Set(models.map((spec) => spec.id));
  const rows = [...models, ...table.filter((spec) => !listed.has(spec.id))].map((model) => {
    const { embedding } = model;
    return toRow(
      model.provider,
      {
        ...model,
        providerName: model.vendor,
        invocation: model.invocation ?? 'configured',
        ...(embedding ? { embedding } : {}),
      },
      rowOptions,
    );
  });
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
  const chat = rows.filter((row) => row.kind === 'chat');
  const embedding = rows.filter((row) => row.kind === 'embedding');
  const ref = (row: ModelRow) => (row.tags.includes('default') ? c.bold(row.ref) : row.ref);
  if (rows.length === 0) {
    term.print('No models. Configure models.providers["amazon-bedrock"].models or enable discovery.');
  }
  if (chat.length > 0) {
    const body = chat.map((row) => [
      ref(row),
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
  // Embedding models have no context window or reasoning: their own section, with what a call takes.
  if (embedding.length > 0) {
    if (chat.length > 0) term.print('');
    const body = embedding.map((row) => [
      ref(row),
      row.embedding?.dimensions.join(', ') ?? '',
      String(row.embedding?.maxInputsPerCall ?? ''),
      formatTokens(row.embedding?.maxInputChars ?? undefined),
      formatInvocation(row.invocation),
      c.cyan(row.tags.join(', ')),
    ]);
    term.print(
      renderTable(
        ['Embedding model', 'Dimensions', 'Texts/call', 'Max chars', 'Invoked as', 'Tags'].map((head) =>
          c.bold(head),
        ),
        body,
        ['left', 'left', 'right', 'right', 'left', 'left'],
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
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const counts = embedding.length
    ? `${count(chat.length, 'model')}, ${count(embedding.length, 'embedding model')}`
    : count(chat.length, 'model');
  term.note(e.dim(`${counts} · ${origin}`));
  for (const error of discovery.errors) {
    term.note(
      `${e.yellow('warning')}: ${error.message}${error.missingAction ? ` (needs ${error.missingAction})` : ''}`,
    );
  }
}
