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
  const kind = parseModelId(id).kind;
  // Prompt-router ARNs ('other-arn') are remembered too, once resolveModelIdentity has read them.
  return kind === 'application-profile' || kind === 'other-arn'
    ? baseOfApplicationProfile.get(id)
    : undefined;
}
