// TODO(discovery): replace the two helpers below with `baseModelIdOf` / `profileIdsFor` from
// @outcrop/discovery once it lands; they follow the same documented prefix rules.
const PREFIXES = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'];
const PREFIXED = new RegExp(`^(${PREFIXES.join('|')})\\.([^.]+\\..+)$`);

function baseModelIdOf(modelId: string): string {
  return PREFIXED.exec(modelId.trim())?.[2] ?? modelId.trim();
}

function profileIdsFor(baseModelId: string, region: string): string[] {
  const r = region.toLowerCase();
  const geo = r.startsWith('us-gov-')
    ? ['us-gov']
    : r.startsWith('us-') || r.startsWith('ca-')
      ? ['us']
      : r.startsWith('eu-')
        ? ['eu']
        : r.startsWith('ap-')
          ? ['apac']
          : [];
  const prefixes = r.startsWith('us-gov-') ? geo : [...geo, 'global'];
  return prefixes.map((prefix) => `${prefix}.${baseModelId}`);
}

/** A bare foundation-model id: not an ARN and without a profile prefix. */
export function isBareModelId(modelId: string): boolean {
  return !modelId.startsWith('arn:') && baseModelIdOf(modelId) === modelId.trim();
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
  return profileFor?.(base, region) ?? profileIdsFor(base, region)[0];
}
