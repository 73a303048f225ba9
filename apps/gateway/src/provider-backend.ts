import { BEDROCK_API, type OutcropConfig } from '@outcrop/config-schema';
import type { Discovery } from '@outcrop/discovery';
import { createModelRegistry, type ModelSpec, type ProviderV1, stream } from '@outcrop/provider';
import type { Backend, ModelEntry } from './backend.js';
import { GatewayError } from './errors.js';
import type { Logger } from './logging.js';
import type { CallEvent } from './model-call.js';
import { toCallEvents, toProviderCall } from './provider-adapter.js';

export interface ProviderBackendOptions {
  config: OutcropConfig;
  discovery: Discovery | undefined;
  /** The amazon-bedrock provider bound to this gateway's connection (the emulator's, or real Bedrock). */
  bedrockProvider: ProviderV1;
  usingEmulator: boolean;
  log: Logger;
}

/** Resolutions kept per discovery fetch; bounded so arbitrary model names cannot grow it. */
const MAX_CACHED_REFS = 256;
const RESOLVE_TTL_MS = 60_000;

/**
 * The models of a config (the provider's registry: configured and discovered, aliases, profile ids and ARNs),
 * served through the v1 provider contract. Bedrock models go to this gateway's own Bedrock provider; models of
 * other registered APIs go through the provider registry.
 */
export function createProviderBackend(options: ProviderBackendOptions): Backend {
  const { config, discovery, bedrockProvider, usingEmulator, log } = options;
  const registry = createModelRegistry({ config, ...(discovery ? { discovery } : {}) });
  let ready = false;
  let cache: { fetchedAt: number | undefined; since: number; specs: Map<string, ModelSpec> } = {
    fetchedAt: undefined,
    since: Date.now(),
    specs: new Map(),
  };

  /** The registry resolves by listing every model; a request should not pay that each time. */
  const resolve = async (requested: string): Promise<ModelSpec> => {
    const fetchedAt = discovery?.cacheInfo().fetchedAt;
    // A new discovery fetch, or a minute gone (so the registry's list() gets to refresh a stale catalog).
    if (cache.fetchedAt !== fetchedAt || Date.now() - cache.since > RESOLVE_TTL_MS) {
      cache = { fetchedAt, since: Date.now(), specs: new Map() };
    }
    const cached = cache.specs.get(requested);
    if (cached) return cached;
    const spec = await registry.resolve(requested).catch((err: unknown) => {
      const { code, message } = err as { code?: unknown; message?: unknown };
      // A name that resolves to nothing is the caller's `model` parameter at fault.
      if ((code === 'unknown_model' || code === 'validation') && typeof message === 'string') {
        throw new GatewayError(code, message, { param: 'model', cause: err });
      }
      throw err;
    });
    ready = true;
    if (cache.specs.size < MAX_CACHED_REFS) cache.specs.set(requested, spec);
    return spec;
  };

  return {
    usingEmulator,
    ready: () => ready,
    async listModels(): Promise<ModelEntry[]> {
      const specs = await registry.list();
      ready = true;
      return specs.map((spec) => toModelEntry(spec, usingEmulator));
    },
    async resolveModel(requested) {
      const spec = await resolve(requested);
      return `${spec.provider}/${spec.id}`;
    },
    stream(model, call, signal, onWarning): AsyncIterable<CallEvent> {
      return toCallEvents(
        async () => {
          const spec = await resolve(model);
          const { context, options } = toProviderCall(call, signal);
          return spec.api === BEDROCK_API
            ? bedrockProvider.stream(spec, context, options)
            : stream(spec, context, options);
        },
        (warning) => {
          log.warn({ warning }, 'provider warning');
          onWarning?.(warning);
        },
      );
    },
  };
}

function toModelEntry(spec: ModelSpec, emulator: boolean): ModelEntry {
  const c = spec.capabilities;
  return {
    id: `${spec.provider}/${spec.id}`,
    object: 'model',
    created: 0,
    owned_by: spec.provider,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    ...(spec.contextWindow !== undefined ? { context_window: spec.contextWindow } : {}),
    ...(spec.maxTokens !== undefined ? { max_tokens: spec.maxTokens } : {}),
    capabilities: {
      input: spec.input ?? ['text'],
      reasoning: c?.reasoning ?? spec.reasoning ?? false,
      ...(c?.reasoningDialect !== undefined ? { reasoning_dialect: c.reasoningDialect } : {}),
      ...(c?.toolUse !== undefined ? { tool_use: c.toolUse } : {}),
      ...(c?.promptCaching !== undefined ? { prompt_caching: c.promptCaching } : {}),
      ...(c?.temperature !== undefined ? { temperature: c.temperature } : {}),
      ...(spec.cost !== undefined ? { cost_per_million_tokens: spec.cost } : {}),
    },
    ...(spec.region !== undefined ? { region: spec.region } : {}),
    emulator,
  };
}
