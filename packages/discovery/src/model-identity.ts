// The model behind an ARN that does not name one: an application inference profile (GetInferenceProfile,
// `models[].modelArn`) or a prompt router (GetPromptRouter, `models[]` and `fallbackModel`). Resolved once per
// ARN and process, then remembered, so `lookupCapabilities(arn)` gives the right dialect, caching and prices.
import type { BedrockClient } from '@aws-sdk/client-bedrock';
import { rememberApplicationProfile } from './application-profiles.js';
import { toDiscoveryError } from './errors.js';
import { loadBedrockSdk } from './fetch-catalog.js';
import { parseModelId } from './model-id.js';
import type { BedrockConnection } from './upstream-types.js';

export interface ModelIdentity {
  /** The ARN as given. */
  id: string;
  kind: 'application-profile' | 'prompt-router';
  /** The foundation model it runs (a router's fallback model, the model a profile copies). */
  baseModelId: string;
  /** Every model it may run (a router routes between several). */
  baseModelIds: string[];
  region: string;
}

const resolved = new Map<string, Promise<ModelIdentity | undefined>>();

/** True for an ARN whose model only the control plane knows. */
export function needsIdentityLookup(modelId: string): boolean {
  const parsed = parseModelId(modelId.trim());
  return (
    parsed.kind === 'application-profile' ||
    (parsed.kind === 'other-arn' && /prompt-router$/.test(parsed.resourceType))
  );
}

/**
 * The identity of an application-profile or prompt-router ARN (undefined for anything else). Cached per ARN;
 * a failure is a DiscoveryError and is not cached.
 */
export function resolveModelIdentity(
  modelId: string,
  options: { connection: BedrockConnection; signal?: AbortSignal },
): Promise<ModelIdentity | undefined> {
  const id = modelId.trim();
  if (!needsIdentityLookup(id)) return Promise.resolve(undefined);
  let pending = resolved.get(id);
  if (!pending) {
    pending = lookup(id, options);
    pending.catch(() => resolved.delete(id));
    resolved.set(id, pending);
  }
  return pending;
}

async function lookup(
  id: string,
  options: { connection: BedrockConnection; signal?: AbortSignal },
): Promise<ModelIdentity | undefined> {
  const parsed = parseModelId(id);
  const region = ('region' in parsed && parsed.region) || options.connection.region.region;
  const sdk = await loadBedrockSdk();
  const client: BedrockClient = new sdk.BedrockClient(options.connection.clientConfig('bedrock', { region }));
  const send = { ...(options.signal ? { abortSignal: options.signal } : {}) };
  try {
    if (parsed.kind === 'application-profile') {
      const reply = await client
        .send(new sdk.GetInferenceProfileCommand({ inferenceProfileIdentifier: id }), send)
        .catch((error: unknown) => {
          throw toDiscoveryError(error, 'GetInferenceProfile', region);
        });
      const bases = baseIds((reply.models ?? []).map((m) => m.modelArn));
      if (!bases.length) return undefined;
      rememberApplicationProfile(id, bases[0]!);
      return { id, kind: 'application-profile', baseModelId: bases[0]!, baseModelIds: bases, region };
    }
    const reply = await client
      .send(new sdk.GetPromptRouterCommand({ promptRouterArn: id }), send)
      .catch((error: unknown) => {
        throw toDiscoveryError(error, 'GetPromptRouter', region);
      });
    const bases = baseIds([reply.fallbackModel?.modelArn, ...(reply.models ?? []).map((m) => m.modelArn)]);
    if (!bases.length) return undefined;
    rememberApplicationProfile(id, bases[0]!);
    return { id, kind: 'prompt-router', baseModelId: bases[0]!, baseModelIds: bases, region };
  } finally {
    client.destroy();
  }
}

/** Foundation-model (or system-profile) ARNs -> base model ids, first occurrence first. */
function baseIds(arns: Array<string | undefined>): string[] {
  const out: string[] = [];
  for (const arn of arns) {
    if (!arn) continue;
    const parsed = parseModelId(arn);
    const base = 'baseModelId' in parsed ? parsed.baseModelId : undefined;
    if (base && !out.includes(base)) out.push(base);
  }
  return out;
}
