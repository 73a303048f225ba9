import type { CommandContext } from './command-context.js';
import { maskConfig } from './mask-config.js';
import { loadConfig } from './session.js';
import * as upstream from './upstream.js';

/** Prints the resolved config (defaults applied, `${VAR}` substituted) with every secret masked. */
export async function runConfigShow(context: CommandContext, options: { json?: boolean }): Promise<number> {
  const loaded = await loadConfig(context);
  const { maskSecret } = await upstream.credentials();
  const masked = maskConfig(loaded.config, maskSecret, { substitutedPaths: loaded.substitutedPaths });
  if (!options.json) {
    const origin = loaded.path ? `${loaded.path} (${loaded.source})` : 'no config file: defaults only';
    context.term.note(context.term.err.dim(`# ${origin}`));
  }
  context.term.json(masked);
  return 0;
}
