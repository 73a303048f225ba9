import { defaultCapabilities, type ModelCapabilities } from './capabilities.js';
import { capabilityFields, type DiscoveredModel, type Invocation } from './discovered-model.js';
import { capabilitiesOf, lookupKnownModel } from './known-models.js';
import { baseModelIdOf, providerSegmentOf, regionOfModelId } from './model-id.js';
import type { ModelDefinition } from './upstream-types.js';

export interface ResolvedModel extends Omit<DiscoveredModel, 'invocation'> {
  /** `configured`: listed in the config but not found by discovery (or discovery was off). */
  invocation: Invocation | 'configured';
  /** The entry came (at least partly) from the config. */
  configured: boolean;
  headers?: Record<string, string>;
}

export interface MergeDefaults {
  /** For configured-only models the table does not know. */
  defaultContextWindow: number;
  defaultMaxTokens: number;
  /** Region of configured-only models (an ARN's own region wins). */
  region?: string;
}

function overlay(base: ResolvedModel, def: ModelDefinition): ResolvedModel {
  const cost = { ...base.cost, ...definedOnly(def.cost ?? {}) };
  const reasoning = def.reasoning ?? base.reasoning;
  const input = def.input ? [...def.input] : base.input;
  const contextWindow = def.contextWindow ?? base.contextWindow;
  // A smaller configured context window also bounds the discovered output limit.
  const maxTokens = def.maxTokens ?? Math.min(base.maxTokens, contextWindow);
  const capabilities: ModelCapabilities = {
    ...base.capabilities,
    contextWindow,
    maxTokens,
    input: [...input],
    reasoning,
    // A model configured as non-reasoning must not be sent reasoning parameters.
    reasoningDialect: reasoning ? base.capabilities.reasoningDialect : 'none',
    ...(def.cost ? { cost } : {}),
  };
  return {
    ...base,
    name: def.name?.trim() || base.name,
    reasoning,
    input,
    contextWindow,
    maxTokens,
    cost,
    capabilities,
    configured: true,
    ...(def.headers ? { headers: { ...def.headers } } : {}),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function configuredOnly(id: string, defaults: MergeDefaults): ResolvedModel {
  const row = lookupKnownModel(id);
  const capabilities = row
    ? capabilitiesOf(row)
    : defaultCapabilities({
        contextWindow: defaults.defaultContextWindow,
        maxTokens: defaults.defaultMaxTokens,
      });
  const baseModelId = baseModelIdOf(id);
  return {
    id,
    name: row?.name ?? id,
    providerName: row?.providerName ?? providerSegmentOf(id),
    baseModelId,
    invocation: 'configured',
    region: regionOfModelId(id) ?? defaults.region ?? '',
    known: row !== undefined,
    ...capabilityFields(capabilities),
    configured: true,
  };
}

/**
 * Configured models merged with discovered ones, per id:
 * 1. a configured field wins (`cost` per price: a configured `input` price keeps the discovered `output`);
 * 2. discovered fields fill what the config leaves out;
 * 3. configured ids discovery did not find stay, with `invocation: 'configured'` and the table's
 *    capabilities when the table knows them (the defaults otherwise);
 * 4. discovered-only models are added after the configured ones, in discovery order.
 */
export function mergeModels(
  configured: readonly ModelDefinition[],
  discovered: readonly DiscoveredModel[],
  defaults: MergeDefaults,
): ResolvedModel[] {
  const byId = new Map(discovered.map((m) => [m.id, m]));
  const seen = new Set<string>();
  const out: ResolvedModel[] = [];
  for (const def of configured) {
    const id = def.id.trim();
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const found = byId.get(id);
    const base: ResolvedModel = found ? { ...found, configured: false } : configuredOnly(id, defaults);
    out.push(overlay(base, def));
  }
  for (const model of discovered) {
    if (seen.has(model.id)) continue;
    seen.add(model.id);
    out.push({ ...model, configured: false });
  }
  return out;
}
