import type { CommandContext } from './command-context.js';
import { ExitCode } from './exit-codes.js';
import { listModels } from './models-list.js';
import { withBedrockSession } from './session.js';

export async function runModelsRefresh(
  context: CommandContext,
  options: { json?: boolean },
): Promise<number> {
  return withBedrockSession(context, async (session) => {
    const listing = await listModels(context, session, { refresh: true });
    const { summary } = listing;
    // Discovery lists chat models only; the embedding rows come from Outcrop's table, not from this refresh.
    const rows = listing.rows.filter((row) => row.kind === 'chat');
    const discovered = rows.filter((row) => row.invocation !== 'configured').length;
    if (options.json) {
      context.term.json({ refreshed: summary.discovery.enabled, count: discovered, ...summary });
    } else if (!summary.discovery.enabled) {
      context.term.note('Discovery is off (models.bedrockDiscovery.enabled = false): nothing to refresh.');
    } else {
      // Counted per base model, as `models list` (and `doctor`) count, with the refs of `--all` beside it.
      const bedrockRows = rows.filter((row) => row.invocation !== 'configured');
      const models = new Set(bedrockRows.map((row) => row.baseModelId)).size;
      const refs = discovered === models ? '' : ` (${discovered} refs with inference profiles)`;
      context.term.print(`Refreshed: ${models} Bedrock model${models === 1 ? '' : 's'} discovered${refs}.`);
      for (const error of summary.discovery.errors) context.term.note(`warning: ${error.message}`);
    }
    return summary.discovery.errors.length > 0 && discovered === 0 ? ExitCode.bedrock : ExitCode.ok;
  });
}
