import { parseModelId } from './model-id.js';

// Application inference profile ARNs carry no model name, so discovery remembers which base model
// each one it saw points at; `lookupCapabilities(arn)` then works in the same process.
const baseOfApplicationProfile = new Map<string, string>();
const LIMIT = 10_000;

export function rememberApplicationProfile(arn: string, baseModelId: string): void {
  if (baseOfApplicationProfile.size >= LIMIT && !baseOfApplicationProfile.has(arn)) {
    const oldest = baseOfApplicationProfile.keys().next().value;
    if (oldest !== undefined) baseOfApplicationProfile.delete(oldest);
  }
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
