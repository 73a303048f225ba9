import { closestMatches } from './did-you-mean.js';
import { hasProvider, type ModelRef, ModelRefError, modelRefProblem, parseModelRef } from './model-ref.js';
import type { OutcropConfig } from './schema.js';

export interface ResolveModelRefOptions {
  config: OutcropConfig;
  /** More `provider/model` refs a bare id may match, e.g. from discovery. */
  knownRefs?: readonly string[];
}

/**
 * Resolves what a user typed: `provider/model` is split as is; a bare name is an alias from
 * `agents.defaults.models[ref].alias`, or else a model id that exactly one known ref ends in.
 */
export function resolveModelRef(ref: string, options: ResolveModelRefOptions): ModelRef {
  if (hasProvider(ref)) return parseModelRef(ref);
  const problem = modelRefProblem(ref);
  if (problem) throw new ModelRefError('model_ref_invalid', ref, `invalid model ref "${ref}": ${problem}`);

  const aliases = aliasTable(options.config);
  const aliased = aliases.get(ref);
  if (aliased) return parseModelRef(aliased);

  const known = knownRefs(options);
  const matches = known.filter((candidate) => parseModelRef(candidate).model === ref);
  if (matches.length === 1) return parseModelRef(matches[0]!);
  if (matches.length > 1) {
    throw new ModelRefError(
      'model_ref_ambiguous',
      ref,
      `model "${ref}" is offered by several providers: ${matches.join(', ')}; write one of them in full`,
      matches,
    );
  }
  const candidates = closestMatches(ref, [...aliases.keys(), ...known]);
  throw new ModelRefError(
    'model_ref_unknown',
    ref,
    candidates.length > 0
      ? `unknown model "${ref}"; closest: ${candidates.join(', ')}`
      : `unknown model "${ref}": no models are configured; write "provider/model"`,
    candidates,
  );
}

/** The agent's primary model and its fallbacks, in order. */
export function agentModels(config: OutcropConfig): { primary?: string; fallbacks: string[] } {
  const model = config.agents.defaults.model;
  if (model === undefined) return { fallbacks: [] };
  if (typeof model === 'string') return { primary: model, fallbacks: [] };
  return {
    ...(model.primary === undefined ? {} : { primary: model.primary }),
    fallbacks: model.fallbacks ?? [],
  };
}

function aliasTable(config: OutcropConfig): Map<string, string> {
  const table = new Map<string, string>();
  for (const [ref, entry] of Object.entries(config.agents.defaults.models ?? {})) {
    if (entry.alias !== undefined) table.set(entry.alias, ref);
  }
  return table;
}

/** Every full ref the config and the caller know of, deduplicated, in a stable order. */
function knownRefs(options: ResolveModelRefOptions): string[] {
  const refs = new Set<string>();
  for (const [provider, config] of Object.entries(options.config.models.providers)) {
    for (const model of config.models) refs.add(`${provider}/${model.id}`);
  }
  for (const ref of Object.keys(options.config.agents.defaults.models ?? {})) refs.add(ref);
  for (const ref of options.knownRefs ?? []) refs.add(ref);
  return [...refs].filter((ref) => {
    try {
      parseModelRef(ref);
      return true;
    } catch {
      return false; // a malformed known ref cannot be a match; skip it rather than fail the lookup
    }
  });
}
