import type { CommandContext } from './command-context.js';
import { usageError } from './errors.js';
import { selectRows } from './model-rows.js';
import { listModels } from './models-list.js';
import type { BedrockSession } from './session.js';
import { withProgress } from './spinner.js';
import type { ModelSpec } from './upstream.js';
import * as upstream from './upstream.js';

export interface ChatModel {
  spec: ModelSpec;
  ref: string;
}

/**
 * The model to chat with: `-m`, else the configured default, else (with nothing configured, e.g. on a
 * first run against the emulator) the first model `models list` would show, saying so on stderr.
 * The session's Outcrop resolves it (aliases, bare ids served through a profile, ARNs) or fails
 * with the closest refs before anything is sent.
 */
export async function resolveChatModel(
  context: CommandContext,
  session: BedrockSession,
  requested: string | undefined,
): Promise<ChatModel> {
  const { agentModels } = await upstream.configSchema();
  let wanted = requested ?? agentModels(session.config).primary;
  if (!wanted) {
    const suggested = await suggestChatModel(context, session);
    if (!suggested)
      throw usageError('no model to chat with', 'pass -m <ref> or set agents.defaults.model in the config');
    wanted = suggested;
    context.term.note(context.term.err.dim(`No default model set (agents.defaults.model): using ${wanted}.`));
  }
  const { ProviderError, UnknownModelError } = await upstream.provider();
  const { outcrop } = session;
  let spec: ModelSpec;
  try {
    spec = await withProgress(context.term, 'Looking up models…', () => outcrop.resolve(wanted));
  } catch (error) {
    // An unparsable ref is the user's input, not Bedrock's answer.
    if (ProviderError.isInstance(error) && error.code === 'validation') throw usageError(error.message);
    // Not a chat model: say so when it is an embedding model rather than "unknown model".
    if (UnknownModelError.isInstance(error)) {
      const embedding = await outcrop.resolveEmbedding(wanted).catch(() => undefined);
      if (embedding) throw notForChat(embedding);
    }
    throw error;
  }
  // A configured model can be an embedding model too: Bedrock's embedding table knows its id.
  const base = spec.baseModelId ?? spec.id;
  const isEmbedding = (table: ModelSpec) => table.provider === spec.provider && table.id === base;
  if (spec.embedding || outcrop.embeddingModels().some(isEmbedding)) throw notForChat(spec);
  return { spec, ref: `${spec.provider}/${spec.id}` };
}

function notForChat(spec: ModelSpec) {
  return usageError(
    `${spec.provider}/${spec.id} is an embedding model: it turns text into vectors and cannot chat`,
    'pick a chat model from `outcrop models list --kind chat`; embed through the gateway (POST /v1/embeddings)',
  );
}

/** The model `chat` uses when none is configured or asked for: one rule for `chat` and `doctor`. */
export async function suggestChatModel(
  context: CommandContext,
  session: BedrockSession,
): Promise<string | undefined> {
  const { rows } = await listModels(context, session, { refresh: false });
  const { suggestDefaultModel } = await upstream.provider();
  const textRefs = selectRows(rows, { all: false, kind: 'chat' })
    .filter((row) => row.input.includes('text'))
    .map((row) => row.ref);
  return suggestDefaultModel(textRefs);
}
