// Resolves `provider/model` refs (aliases, bare ids, Bedrock profile ids and ARNs) to ModelSpecs, against the
// configured models and, for amazon-bedrock, the discovered ones. Imports discovery's types only: no AWS here.
import {
  agentModels,
  BEDROCK_API,
  BEDROCK_PROVIDER_ID,
  closestMatches,
  ModelRefError,
  type OutcropConfig,
  type ProviderConfig,
  resolveModelRef,
} from '@outcrop/config-schema';
import type { DiscoveredModel, Discovery } from '@outcrop/discovery';
import { ProviderError, UnknownModelError } from './errors.js';
import type { ModelSpec } from './spec.js';

export interface ModelRegistryOptions {
  config: OutcropConfig;
  /** Bedrock discovery; without it only configured Bedrock models resolve. */
  discovery?: Pick<Discovery, 'list'>;
}

export interface ModelRegistry {
  /** Every configured and discovered model, configured first. */
  list(options?: { signal?: AbortSignal }): Promise<ModelSpec[]>;
  /** Throws UnknownModelError (with the closest refs) when nothing matches. */
  resolve(ref: string, options?: { signal?: AbortSignal }): Promise<ModelSpec>;
  /** agents.defaults.model: the primary first, then the fallbacks in order. */
  agentModels(options?: { signal?: AbortSignal }): Promise<ModelSpec[]>;
}

export const refOf = (model: Pick<ModelSpec, 'provider' | 'id'>) => `${model.provider}/${model.id}`;

export function createModelRegistry(options: ModelRegistryOptions): ModelRegistry {
  const { config } = options;

  async function list(signal?: AbortSignal): Promise<ModelSpec[]> {
    const specs: ModelSpec[] = [];
    // Discovery reports its own failures in `errors`; a throw still leaves the configured models usable.
    const discovered = options.discovery
      ? await options.discovery.list(signal ? { signal } : {}).then(
          (result) => result.models,
          () => [],
        )
      : [];
    const byId = new Map(discovered.map((model) => [model.id, model]));
    for (const [provider, providerConfig] of Object.entries(config.models.providers)) {
      for (const model of providerConfig.models) {
        const found = provider === BEDROCK_PROVIDER_ID ? byId.get(model.id) : undefined;
        specs.push(configuredSpec(provider, providerConfig, model, found));
      }
    }
    const seen = new Set(specs.map(refOf));
    const bedrockConfig = config.models.providers[BEDROCK_PROVIDER_ID];
    for (const model of discovered) {
      // Discovered models are called by their listed id, in the region they were listed in.
      const spec: ModelSpec = {
        ...specBase(BEDROCK_PROVIDER_ID, bedrockConfig),
        ...specFromDiscovered(model),
      };
      if (!seen.has(refOf(spec))) specs.push(spec);
    }
    return specs;
  }

  async function resolve(ref: string, signal?: AbortSignal): Promise<ModelSpec> {
    const specs = await list(signal);
    const refs = specs.map(refOf);
    let parsed: { provider: string; model: string };
    try {
      parsed = resolveModelRef(ref, { config, knownRefs: refs });
    } catch (error) {
      if (!ModelRefError.isInstance(error)) throw error;
      if (error.code === 'model_ref_invalid')
        throw new ProviderError('validation', error.message, { location: ref });
      throw new UnknownModelError(
        ref,
        error.candidates.length ? error.candidates : closestMatches(ref, refs),
      );
    }
    const candidates = specs.filter((spec) => spec.provider === parsed.provider);
    const found =
      candidates.find((spec) => spec.id === parsed.model) ??
      (parsed.provider === BEDROCK_PROVIDER_ID ? bedrockEquivalent(parsed.model, candidates) : undefined);
    if (found) return found;
    throw new UnknownModelError(ref, closestMatches(`${parsed.provider}/${parsed.model}`, refs));
  }

  return {
    list: (opts) => list(opts?.signal),
    resolve: (ref, opts) => resolve(ref, opts?.signal),
    async agentModels(opts) {
      const { primary, fallbacks } = agentModels(config);
      if (!primary) throw new ProviderError('validation', 'agents.defaults.model names no primary model.');
      return Promise.all([primary, ...fallbacks].map((ref) => resolve(ref, opts?.signal)));
    },
  };
}

/**
 * The same Bedrock model under another name: a foundation-model or system-profile ARN of a listed id, or
 * a bare id that is only callable through an inference profile (geo profiles before global).
 */
function bedrockEquivalent(id: string, candidates: ModelSpec[]): ModelSpec | undefined {
  const arn = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/(.+)$/.exec(id);
  if (arn) return candidates.find((spec) => spec.id === arn[2]);
  const profiles = candidates.filter((spec) => spec.id.endsWith(`.${id}`) && /^[a-z]+\.[a-z]/.test(spec.id));
  return profiles.find((spec) => !spec.id.startsWith('global.')) ?? profiles[0];
}

function configuredSpec(
  provider: string,
  providerConfig: ProviderConfig,
  model: ProviderConfig['models'][number],
  discovered: DiscoveredModel | undefined,
): ModelSpec {
  const base = specBase(provider, providerConfig);
  const spec: ModelSpec = { ...specFromDiscovered(discovered), ...base, ...definedOnly(model) };
  if (base.headers || model.headers) spec.headers = { ...base.headers, ...model.headers };
  // A model configured as non-reasoning must not be sent reasoning parameters, whatever discovery says.
  if (spec.capabilities && model.reasoning !== undefined) {
    spec.capabilities = {
      ...spec.capabilities,
      reasoning: model.reasoning,
      ...(model.reasoning ? {} : { reasoningDialect: 'none' as const }),
    };
  }
  return spec;
}

function specBase(provider: string, config: ProviderConfig | undefined): ModelSpec {
  const api = config?.api ?? (provider === BEDROCK_PROVIDER_ID ? BEDROCK_API : provider);
  return {
    provider,
    api,
    id: '',
    ...(config?.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config?.region ? { region: config.region } : {}),
    ...(config?.apiKey ? { apiKey: config.apiKey } : {}),
    ...(config?.headers ? { headers: { ...config.headers } } : {}),
  };
}

function specFromDiscovered(model: DiscoveredModel | undefined): Partial<ModelSpec> {
  if (!model) return {};
  const caps = model.capabilities;
  return {
    id: model.id,
    name: model.name,
    reasoning: model.reasoning,
    input: [...model.input],
    cost: { ...model.cost },
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    region: model.region,
    capabilities: {
      reasoning: caps.reasoning,
      reasoningDialect: caps.reasoningDialect,
      toolUse: caps.toolUse,
      promptCaching: caps.promptCaching,
      temperature: caps.temperature,
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
