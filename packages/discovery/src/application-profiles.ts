import { LRUCache } from 'lru-cache';
import { parseModelId } from './model-id.js';

// Application inference profile ARNs carry no model name, so discovery remembers which base model
// each one it saw points at; `lookupCapabilities(arn)` then works in the same process. Bounded.
const baseOfApplicationProfile = new LRUCache<string, string>({ max: 10_000 });

export function rememberApplicationProfile(arn: string, baseModelId: string): void {
  baseOfApplicationProfile.set(arn, baseModelId);
}

export function applicationProfileBase(modelId: string): string | undefined {
  const id = modelId.trim();
  return parseModelId(id).kind === 'application-profile' ? baseOfApplicationProfile.get(id) : undefined;
}
