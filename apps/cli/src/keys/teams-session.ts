import type { CommandContext } from '../command-context.js';
import { CliError, usageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { loadConfig } from '../session.js';
import * as upstream from '../upstream.js';

type Store = Awaited<ReturnType<Awaited<ReturnType<typeof upstream.teams>>['openTeamsStore']>>;

const USAGE_CODES = new Set([
  'key_invalid',
  'key_name_taken',
  'key_not_found',
  'budget_invalid',
  'usage_query_invalid',
]);

/** Opens the config's teams database (SQLite in ~/.outcrop by default), runs `fn`, and closes it. */
export async function withTeamsStore<T>(
  context: CommandContext,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const loaded = await loadConfig(context);
  const { openTeamsStore } = await upstream.teams();
  let store: Store;
  try {
    store = await openTeamsStore({ config: loaded.config, homeDir: context.homeDir });
  } catch (err) {
    throw new CliError(
      (err as Error).message,
      ExitCode.failure,
      loaded.config.gateway.database.url
        ? 'check gateway.database.url and that PostgreSQL is running'
        : 'check gateway.database.path and its folder permissions',
      { cause: err },
    );
  }
  try {
    return await fn(store);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && USAGE_CODES.has(code)) throw usageError((err as Error).message);
    throw err;
  } finally {
    await store.close();
  }
}
