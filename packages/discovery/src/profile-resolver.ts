import type { DiscoveredModel } from './discovered-model.js';
import { parseModelId } from './model-id.js';
import { profileIdsFor } from './profile-ids.js';

/**
 * A `profileFor(baseModelId, region)` for @outcrop/converse-stream, answered from discovery data:
 * the system profile discovery found for that model in that region, preferring the geographic one,
 * or undefined when discovery found none (the bare id is then the only way, or there is none).
 */
export function profileResolverFrom(
  models: readonly DiscoveredModel[],
): (baseModelId: string, region: string) => string | undefined {
  const offered = new Set(
    models.filter((m) => m.invocation === 'inference-profile').map((m) => `${m.region} ${m.id}`),
  );
  return (baseModelId, region) => {
    const parsed = parseModelId(baseModelId);
    if (parsed.kind !== 'foundation-model') return undefined;
    return profileIdsFor(parsed.baseModelId, region).find((id) => offered.has(`${region} ${id}`));
  };
}
