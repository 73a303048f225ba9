import { BEDROCK_API, BEDROCK_PROVIDER_ID, type OutcropConfig } from '@outcrop/config-schema';
import type { BedrockConnection } from '@outcrop/credentials';
import { type Discovery, mergeModels, type ResolvedModel } from '@outcrop/discovery';
import type { ModelSpec, ProviderV1 } from '@outcrop/provider';
import type { Backend, ModelEntry } from './backend.js';
import { GatewayError } from './errors.js';
import type { Logger } from './logging.js';
import type { CallEvent, ModelCall } from './model-call.js';
import { toCallEvents, toProviderCall } from './provider-adapter.js';

export interface ProviderBackendOptions {
  config: OutcropConfig;
  connection: BedrockConnection;
  discovery: Discovery | undefined;
  /** The amazon-bedrock provider bound to this gateway's connection (the emulator's, or real Bedrock). */
  bedrockProvider: ProviderV1;
  usingEmulator: boolean;
  log: Logger;
}

/** The models of a config (configured merged over discovered), served through the provider contract. */
export function createProviderBackend(options: ProviderBackendOptions): Backend {
  const { config, connection, discovery, bedrockProvider, usingEmulator, log } = options;
  const bedrock = config.models.providers[BEDROCK_PROVIDER_ID];
  const discoveryConfig = config.models.bedrockDiscovery;
  let ready = false;
  // Merged once per discovery result (discovery caches and refreshes it), not once per request.
  let merged:
    | { fetchedAt: number | undefined; models: ResolvedModel[]; byId: Map<string, ResolvedModel> }
    | undefined;

  const resolved = async (): Promise<typeof merged & {}> => {
    const result = discovery ? await discovery.list() : undefined;
    if (merged && merged.fetchedAt === result?.fetchedAt) return merged;
    const models = mergeModels(bedrock?.models ?? [], result?.models ?? [], {
      defaultContextWindow: discoveryConfig.defaultContextWindow,
      defaultMaxTokens: discoveryConfig.defaultMaxTokens,
      region: connection.region.region,
    });
    merged = { fetchedAt: result?.fetchedAt, models, byId: new Map(models.map((m) => [m.id, m])) };
    ready = true;
    return merged;
  };

  const specFor = (model: ResolvedModel): ModelSpec => ({
    provider: BEDROCK_PROVIDER_ID,
    api: bedrock?.api ?? BEDROCK_API,
    id: model.id,
    name: model.name,
    reasoning: model.reasoning,
    input: model.input,
    cost: model.cost,
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    ...(model.region ? { region: model.region } : {}),
    ...(bedrock?.baseUrl !== undefined ? { baseUrl: bedrock.baseUrl } : {}),
    ...((model.headers ?? bedrock?.headers) ? { headers: { ...bedrock?.headers, ...model.headers } } : {}),
    capabilities: {
      reasoning: model.capabilities.reasoning,
      reasoningDialect: model.capabilities.reasoningDialect,
      toolUse: model.capabilities.toolUse,
      promptCaching: model.capabilities.promptCaching,
      temperature: model.capabilities.temperature,
    },
  });

  const find = async (requested: string): Promise<ResolvedModel> => {
    const id = requested.startsWith(`${BEDROCK_PROVIDER_ID}/`)
      ? requested.slice(BEDROCK_PROVIDER_ID.length + 1)
      : requested;
    const { models, byId } = await resolved();
    const model = byId.get(id);
    if (model) return model;
    const close = closest(
      id,
      models.map((m) => m.id),
    ).map((m) => `${BEDROCK_PROVIDER_ID}/${m}`);
    throw new GatewayError(
      'unknown_model',
      `The model '${requested}' does not exist or is not available here.${close.length ? ` Closest matches: ${close.join(', ')}.` : ''}`,
      { param: 'model' },
    );
  };

  return {
    usingEmulator,
    ready: () => ready,
    async listModels(): Promise<ModelEntry[]> {
      return (await resolved()).models.map((m) => toModelEntry(m, usingEmulator));
    },
    async resolveModel(requested) {
      return `${BEDROCK_PROVIDER_ID}/${(await find(requested)).id}`;
    },
    stream(model: string, call: ModelCall, signal: AbortSignal): AsyncIterable<CallEvent> {
      return toCallEvents(
        async () => {
          const spec = specFor(await find(model));
          const { context, options } = toProviderCall(call, signal);
          return bedrockProvider.stream(spec, context, options);
        },
        (warning) => log.warn({ warning }, 'provider warning'),
      );
    },
  };
}

function toModelEntry(model: ResolvedModel, emulator: boolean): ModelEntry {
  const c = model.capabilities;
  return {
    id: `${BEDROCK_PROVIDER_ID}/${model.id}`,
    object: 'model',
    created: 0,
    owned_by: model.providerName.toLowerCase() || BEDROCK_PROVIDER_ID,
    name: model.name,
    context_window: model.contextWindow,
    max_tokens: model.maxTokens,
    capabilities: {
      input: model.input,
      reasoning: model.reasoning,
      reasoning_dialect: c.reasoningDialect,
      tool_use: c.toolUse,
      prompt_caching: c.promptCaching,
      temperature: c.temperature,
      ...(c.cost ? { cost_per_million_tokens: c.cost } : {}),
    },
    invocation: model.invocation,
    region: model.region,
    emulator,
  };
}

/** Up to three ids nearest by edit distance, for "did you mean". */
function closest(target: string, candidates: string[]): string[] {
  return candidates
    .map((id) => ({ id, d: distance(target.toLowerCase(), id.toLowerCase()) }))
    .filter(({ d, id }) => d <= Math.max(4, Math.floor(id.length / 3)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ id }) => id);
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}
