import type { CommandContext } from './command-context.js';
import { usageError } from './errors.js';
import { selectRows } from './model-rows.js';
import { listModels } from './models-list.js';
import type { BedrockSession } from './session.js';
import type { ModelSpec } from './upstream.js';
import * as upstream from './upstream.js';

export interface ChatModel {
  spec: ModelSpec;
  ref: string;
}

/**
 * The model to chat with: `-m`, else the configured default, else (with nothing configured, e.g. on a
 * first run against the emulator) the first model `models list` would show, saying so on stderr.
 * Aliases and bare ids resolve through config-schema's `resolveModelRef`; limits, prices and capabilities
 * come from the same merged list `models list` prints.
 */
export async function resolveChatModel(
  context: CommandContext,
  session: BedrockSession,
  requested: string | undefined,
): Promise<ChatModel> {
  const { agentModels, resolveModelRef, BEDROCK_API, BEDROCK_PROVIDER_ID } = await upstream.configSchema();
  const { rows, resolved } = await listModels(context, session, { refresh: false });
  let wanted = requested ?? agentModels(session.config).primary;
  if (!wanted) {
    const first = selectRows(rows, { all: false }).find((row) => row.input.includes('text'));
    if (!first)
      throw usageError('no model to chat with', 'pass -m <ref> or set agents.defaults.model in the config');
    wanted = first.ref;
    context.term.note(context.term.err.dim(`No default model set (agents.defaults.model): using ${wanted}.`));
  }
  const knownRefs = rows.map((row) => row.ref);
  let ref = resolveModelRef(wanted, { config: session.config, knownRefs });
  const listed = knownRefs.includes(`${ref.provider}/${ref.model}`);
  // A bare id whose model is listed only through inference profiles is fine: the provider calls it
  // through the profile valid in this region (doctor still advises writing the profile id).
  const viaProfile = resolved.find((entry) => entry.baseModelId === ref.model && entry.id !== ref.model);
  if (
    !listed &&
    !viaProfile &&
    ref.provider === BEDROCK_PROVIDER_ID &&
    !ref.model.startsWith('arn:') &&
    rows.length > 0
  ) {
    // A Bedrock id nobody listed is a typo far more often than a hidden model: resolving the bare id
    // finds it under its full ref or fails with the closest matches, before anything is sent.
    ref = resolveModelRef(ref.model, { config: session.config, knownRefs });
  }
  const providerConfig = session.config.models.providers[ref.provider];
  if (ref.provider !== BEDROCK_PROVIDER_ID && !providerConfig) {
    throw usageError(
      `unknown provider "${ref.provider}" in ${wanted}`,
      'configure it under models.providers',
    );
  }
  const model =
    ref.provider === BEDROCK_PROVIDER_ID ? resolved.find((entry) => entry.id === ref.model) : undefined;
  const configured = providerConfig?.models.find((entry) => entry.id === ref.model);
  const spec: ModelSpec = {
    provider: ref.provider,
    api: providerConfig?.api ?? BEDROCK_API,
    ...(model
      ? {
          name: model.name,
          reasoning: model.reasoning,
          input: model.input,
          cost: model.cost,
          contextWindow: model.contextWindow,
          maxTokens: model.maxTokens,
          region: model.region,
          capabilities: model.capabilities,
        }
      : (configured ?? {})),
    id: ref.model,
    ...(providerConfig?.baseUrl ? { baseUrl: providerConfig.baseUrl } : {}),
    ...(providerConfig?.headers || configured?.headers
      ? { headers: { ...providerConfig?.headers, ...configured?.headers } }
      : {}),
  };
  return { spec, ref: `${ref.provider}/${ref.model}` };
}

/**
 * Streams Bedrock models over this session's connection (the embedded emulator's, when there are no
 * credentials) instead of one the provider would resolve from the environment on its own.
 */
export async function useSessionConnection(session: BedrockSession): Promise<void> {
  const { registerApi, BEDROCK_CONVERSE_STREAM_API } = await upstream.provider();
  registerApi(BEDROCK_CONVERSE_STREAM_API, async () => {
    const { createBedrockProvider } = await import('@outcrop/provider/bedrock');
    return createBedrockProvider({ connection: session.connection });
  });
}
