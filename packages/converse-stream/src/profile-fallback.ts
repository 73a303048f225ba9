import { baseModelIdOf, parseModelId, profileIdsFor } from '@outcrop/discovery';

/** A bare foundation-model id: not an ARN and without a profile prefix. */
export function isBareModelId(modelId: string): boolean {
  const id = modelId.trim();
  return !id.startsWith('arn:') && parseModelId(id).kind === 'foundation-model' && baseModelIdOf(id) === id;
}

/**
 * The inference profile to call a bare model id through from `region`: the caller's discovery
 * data first (`profileFor`), else the documented prefix rules (geographic profile, then global).
 */
export function fallbackProfileId(
  modelId: string,
  region: string,
  profileFor?: (baseModelId: string, region: string) => string | undefined,
): string | undefined {
  if (!isBareModelId(modelId)) return undefined;
  const base = modelId.trim();
  let known: string | undefined;
  try {
    known = profileFor?.(base, region);
  } catch {
    // Discovery data is a hint; a failing lookup must not hide Bedrock's own answer.
  }
  return known ?? profileIdsFor(base, region)[0];
}
