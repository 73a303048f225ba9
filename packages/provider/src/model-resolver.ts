// Resolves what a user typed to one model of the catalog: `provider/model`, an alias from
// agents.defaults.models, a bare id one provider offers, a Bedrock inference profile id or ARN, and a bare
// Bedrock id that is only callable through an inference profile (to the profile discovery listed), and a Bedrock
// prompt-router ARN (no listing names routers: it stands for itself).
import {
  BEDROCK_PROVIDER_ID,
  closestMatches,
  ModelRefError,
  type OutcropConfig,
  resolveModelRef,
} from '@outcrop/config-schema';
import { ProviderError, UnknownModelError } from './errors.js';
import { promptRouterSpec, refOf } from './model-catalog.js';
import type { ModelSpec } from './spec.js';

export function resolveModel(ref: string, specs: readonly ModelSpec[], config: OutcropConfig): ModelSpec {
  const refs = specs.map(refOf);
  const bedrock = specs.filter((spec) => spec.provider === BEDROCK_PROVIDER_ID);
  let parsed: { provider: string; model: string };
  try {
    parsed = resolveModelRef(ref, { config, knownRefs: refs });
  } catch (error) {
    if (!ModelRefError.isInstance(error)) throw error;
    if (error.code === 'model_ref_invalid')
      throw new ProviderError('validation', error.message, { location: ref });
    // A bare id no provider lists as is may still be a Bedrock model listed under its profile.
    const equivalent =
      error.code === 'model_ref_unknown'
        ? (bedrockEquivalent(ref, bedrock) ?? promptRouterSpec(withoutBedrockPrefix(ref), config))
        : undefined;
    if (equivalent) return equivalent;
    throw new UnknownModelError(ref, error.candidates.length ? error.candidates : closestMatches(ref, refs));
  }
  const candidates =
    parsed.provider === BEDROCK_PROVIDER_ID ? bedrock : specs.filter((s) => s.provider === parsed.provider);
  const found =
    candidates.find((spec) => spec.id === parsed.model) ??
    (parsed.provider === BEDROCK_PROVIDER_ID
      ? (bedrockEquivalent(parsed.model, candidates) ?? promptRouterSpec(parsed.model, config))
      : undefined);
  if (found) return found;
  throw new UnknownModelError(ref, closestMatches(`${parsed.provider}/${parsed.model}`, refs));
}

const withoutBedrockPrefix = (ref: string) =>
  ref.startsWith(`${BEDROCK_PROVIDER_ID}/`) ? ref.slice(BEDROCK_PROVIDER_ID.length + 1) : ref;

/**
 * The same Bedrock model under another name: a foundation-model or system-profile ARN of a listed id, or
 * a bare id that is only callable through an inference profile (geo profiles before global).
 */
function bedrockEquivalent(id: string, candidates: readonly ModelSpec[]): ModelSpec | undefined {
  const arn = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/(.+)$/.exec(id);
  if (arn) return candidates.find((spec) => spec.id === arn[2]);
  const profiles = candidates.filter((spec) => spec.id.endsWith(`.${id}`) && /^[a-z]+\.[a-z]/.test(spec.id));
  return profiles.find((spec) => !spec.id.startsWith('global.')) ?? profiles[0];
}
