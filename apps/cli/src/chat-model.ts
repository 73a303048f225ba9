import type { CommandContext } from './command-context.js';
import { usageError } from './errors.js';
import { selectRows } from './model-rows.js';
import { listModels } from './models-list.js';
import { type BedrockSession, createSessionDiscovery } from './session.js';
import type { ModelSpec } from './upstream.js';
import * as upstream from './upstream.js';

export interface ChatModel {
  spec: ModelSpec;
  ref: string;
}

/**
 * The model to chat with: `-m`, else the configured default, else (with nothing configured, e.g. on a
 * first run against the emulator) the first model `models list` would show, saying so on stderr.
 */
export async function resolveChatModel(
  context: CommandContext,
  session: BedrockSession,
  requested: string | undefined,
): Promise<ChatModel> {
  const { agentModels } = await upstream.configSchema();
  let ref = requested ?? agentModels(session.config).primary;
  if (!ref) {
    const { rows } = await listModels(context, session, { refresh: false });
    const first = selectRows(rows, { all: false }).find((row) => row.input.includes('text'));
    if (!first) {
      throw usageError('no model to chat with', 'pass -m <ref> or set agents.defaults.model in the config');
    }
    ref = first.ref;
    context.term.note(context.term.err.dim(`No default model set (agents.defaults.model): using ${ref}.`));
  }
  // createModelRegistry is in the provider's contract (docs/ARCHITECTURE.md) but not yet in its build.
  const { createModelRegistry } = (await upstream.provider()) as unknown as {
    createModelRegistry(options: { config: unknown; discovery: unknown }): {
      resolve(ref: string): Promise<ModelSpec>;
    };
  };
  const discovery = await createSessionDiscovery(context, session);
  const registry = createModelRegistry({ config: session.config, discovery });
  const spec = await registry.resolve(ref);
  return { spec, ref };
}
