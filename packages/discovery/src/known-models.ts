import { applicationProfileBase } from './application-profiles.js';
import type { ModelCapabilities } from './capabilities.js';
import type { KnownModel } from './known-model.js';
import { AMAZON_MODELS } from './known-models-amazon.js';
import { ANTHROPIC_MODELS } from './known-models-anthropic.js';
import { OPEN_WEIGHT_MODELS } from './known-models-open-weight.js';
import { modelFeatures } from './model-features.js';
import { baseModelIdOf } from './model-id.js';

/** The built-in capability table, keyed by base model id. */
export const KNOWN_MODELS: Readonly<Record<string, KnownModel>> = Object.freeze({
  ...ANTHROPIC_MODELS,
  ...AMAZON_MODELS,
  ...OPEN_WEIGHT_MODELS,
});

const KNOWN_MODEL_IDS = new Map<KnownModel, string>(
  Object.entries(KNOWN_MODELS).map(([id, row]) => [row, id]),
);

/** Bumped whenever the table changes, so on-disk caches built from an older table are not reused. */
export const KNOWN_MODELS_VERSION = 2;

/**
 * The table row for a model id in any of its shapes. Tries the id as given, then the id with a
 * context-length variant suffix removed (`…-v1:0:200k` → `…-v1:0`). Application profile ARNs are
 * found once discovery has listed them (their base model comes from the profile's `models[]`).
 */
export function lookupKnownModel(modelId: string): KnownModel | undefined {
  const base = applicationProfileBase(modelId) ?? baseModelIdOf(modelId);
  const candidates = [base, base.replace(/:\d+k$/i, '')];
  for (const candidate of candidates) {
    const row = KNOWN_MODELS[candidate];
    if (row) return row;
  }
  return undefined;
}

export function capabilitiesOf(row: KnownModel): ModelCapabilities {
  const { name: _name, providerName: _providerName, ...capabilities } = row;
  return {
    ...modelFeatures(KNOWN_MODEL_IDS.get(row) ?? ''),
    ...capabilities,
    input: [...capabilities.input],
    ...(capabilities.cost ? { cost: { ...capabilities.cost } } : {}),
  };
}

/** Capabilities of a known model, found by base id through profile prefixes and ARNs. */
export function lookupCapabilities(modelId: string): ModelCapabilities | undefined {
  const row = lookupKnownModel(modelId);
  return row ? capabilitiesOf(row) : undefined;
}
