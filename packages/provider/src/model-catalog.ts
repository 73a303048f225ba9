// One model catalog for a config: configured models of every provider, and for amazon-bedrock the configured
// models merged with the discovered ones by discovery's one rule (`mergeModels`), in that order.
import {
  BEDROCK_API,
  BEDROCK_PROVIDER_ID,
  type OutcropConfig,
  type ProviderConfig,
} from '@outcrop/config-schema';
import { type DiscoveredModel, mergeModels, type ResolvedModel } from '@outcrop/discovery';
import type { ModelSpec } from './spec.js';

export const refOf = (model: Pick<ModelSpec, 'provider' | 'id'>) => `${model.provider}/${model.id}`;

/** The wire API a provider block names, or its default (`bedrock-converse-stream` for amazon-bedrock). */
export function apiOf(provider: string, config: ProviderConfig | undefined): string {
  return config?.api ?? (provider === BEDROCK_PROVIDER_ID ? BEDROCK_API : provider);
}

/**
 * Every model of the config, configured first. Bedrock models get the capability table's limits, prices and
 * dialects (through discovery when it ran, else through the table for configured ids); a configured field wins.
 */
export function buildModelCatalog(
  config: OutcropConfig,
  discovered: readonly DiscoveredModel[],
  /** The connection's region: where configured-only Bedrock models are called when the config names none. */
  options: { region?: string } = {},
): ModelSpec[] {
  const providers = config.models.providers;
  const bedrock = providers[BEDROCK_PROVIDER_ID];
  const discovery = config.models.bedrockDiscovery;
  const region = bedrock?.region ?? discovery.region ?? options.region;
  const merged = mergeModels(bedrock?.models ?? [], discovered, {
    defaultContextWindow: discovery.defaultContextWindow,
    defaultMaxTokens: discovery.defaultMaxTokens,
    ...(region !== undefined ? { region } : {}),
  }).map((model) => ({ configured: model.configured, spec: bedrockSpec(model, bedrock) }));

  const specs: ModelSpec[] = [];
  for (const [provider, providerConfig] of Object.entries(providers)) {
    if (provider === BEDROCK_PROVIDER_ID) {
      specs.push(...merged.filter((m) => m.configured).map((m) => m.spec));
      continue;
    }
    for (const model of providerConfig.models) {
      const spec: ModelSpec = {
        ...specBase(provider, providerConfig),
        ...definedOnly(model),
        configured: true,
      };
      if (providerConfig.headers || model.headers)
        spec.headers = { ...providerConfig.headers, ...model.headers };
      specs.push(spec);
    }
  }
  // Discovered-only models after every configured one, in discovery order.
  specs.push(...merged.filter((m) => !m.configured).map((m) => m.spec));
  return specs;
}

function bedrockSpec(model: ResolvedModel, config: ProviderConfig | undefined): ModelSpec {
  const base = specBase(BEDROCK_PROVIDER_ID, config);
  const caps = model.capabilities;
  const spec: ModelSpec = {
    ...base,
    id: model.id,
    name: model.name,
    reasoning: model.reasoning,
    input: [...model.input],
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    invocation: model.invocation,
    configured: model.configured,
    baseModelId: model.baseModelId,
    ...(model.providerName ? { vendor: model.providerName } : {}),
    capabilities: {
      reasoning: caps.reasoning,
      reasoningDialect: caps.reasoningDialect,
      toolUse: caps.toolUse,
      promptCaching: caps.promptCaching,
      temperature: caps.temperature,
    },
  };
  // Prices only when known (the table's or the config's): a zero price is a value, an unknown one is not.
  if (caps.cost) spec.cost = { ...caps.cost };
  // A configured model is called in the configured region; a discovered one where it was listed.
  const region = model.configured ? (config?.region ?? model.region) : model.region;
  if (region) spec.region = region;
  else delete spec.region;
  if (base.headers || model.headers) spec.headers = { ...base.headers, ...model.headers };
  return spec;
}

/**
 * A Bedrock prompt-router ARN (`default-prompt-router/…` or `prompt-router/…`), which no model listing names:
 * it stands for itself, called in the ARN's region; the provider reads its models (GetPromptRouter) on first use.
 */
export function promptRouterSpec(id: string, config: OutcropConfig): ModelSpec | undefined {
  const arn = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):\d{12}:(?:default-)?prompt-router\/.+$/.exec(id.trim());
  if (!arn) return undefined;
  const base = specBase(BEDROCK_PROVIDER_ID, config.models.providers[BEDROCK_PROVIDER_ID]);
  return { ...base, id: id.trim(), name: id.trim(), region: arn[1]! };
}

export function specBase(provider: string, config: ProviderConfig | undefined): ModelSpec {
  return {
    provider,
    api: apiOf(provider, config),
    id: '',
    ...(config?.baseUrl ? { baseUrl: config.baseUrl } : {}),
    ...(config?.region ? { region: config.region } : {}),
    ...(config?.apiKey ? { apiKey: config.apiKey } : {}),
    ...(config?.headers ? { headers: { ...config.headers } } : {}),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
