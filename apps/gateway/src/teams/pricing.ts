import type { ModelCost, OutcropConfig } from '@outcrop/config-schema';
import { baseModelIdOf, lookupCapabilities, parseModelId } from '@outcrop/discovery';

/** Usage as the provider reports it at the end of a call. */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export interface ModelIdentity {
  /** The foundation model behind the call (a profile id or ARN resolved to its base model where known). */
  resolvedModel: string;
  /** The inference profile called through, if any. */
  profile: string | null;
  cost: ModelCost | undefined;
  maxTokens: number | undefined;
}

/**
 * What a canonical model ref (`amazon-bedrock/<id>`) costs. The config's own price wins (it is the user's
 * word); then the capability table, which prices system profiles and (once discovery listed them) application
 * profiles as their base model.
 */
export function modelIdentity(config: OutcropConfig, ref: string): ModelIdentity {
  // Per config object (a reload brings a new one) and ref: the table lookups run once, not per request.
  let cache = identities.get(config);
  if (!cache) {
    cache = new Map();
    identities.set(config, cache);
  }
  let identity = cache.get(ref);
  if (!identity) {
    identity = lookupIdentity(config, ref);
    if (cache.size < 1024) cache.set(ref, identity);
  }
  return identity;
}

const identities = new WeakMap<OutcropConfig, Map<string, ModelIdentity>>();

function lookupIdentity(config: OutcropConfig, ref: string): ModelIdentity {
  const slash = ref.indexOf('/');
  const provider = slash > 0 ? ref.slice(0, slash) : '';
  const id = slash > 0 ? ref.slice(slash + 1) : ref;
  const configured = config.models.providers[provider]?.models.find((m) => m.id === id);
  const caps = lookupCapabilities(id);
  const parsed = parseModelId(id);
  const profile = parsed.kind === 'system-profile' || parsed.kind === 'application-profile' ? id : null;
  const configuredCost = configured?.cost;
  const cost: ModelCost | undefined =
    configuredCost && Object.keys(configuredCost).length > 0
      ? {
          input: configuredCost.input ?? 0,
          output: configuredCost.output ?? 0,
          cacheRead: configuredCost.cacheRead ?? 0,
          cacheWrite: configuredCost.cacheWrite ?? 0,
        }
      : caps?.cost;
  return {
    resolvedModel: baseModelIdOf(id),
    profile,
    cost,
    maxTokens: configured?.maxTokens ?? caps?.maxTokens,
  };
}

/** Nano-dollars: USD per million tokens times tokens is exactly nano-dollars per thousand tokens. */
export function costNano(cost: ModelCost | undefined, usage: TokenUsage): number {
  if (!cost) return 0;
  return Math.round(
    (usage.inputTokens * cost.input +
      usage.outputTokens * cost.output +
      usage.cacheReadTokens * cost.cacheRead +
      usage.cacheWriteTokens * cost.cacheWrite) *
      1000,
  );
}

/** Fields that name a part rather than carry its text. */
const SKIPPED_FIELDS = new Set(['role', 'type', 'mimeType', 'id', 'toolCallId']);

/**
 * A request's input tokens before the model counts them: about four characters a token (the ratio Bedrock's
 * own token estimates and the emulator use), over the text that is sent. Images count a flat 1,600 tokens.
 */
export function estimateInputTokens(call: {
  system?: string | string[];
  messages: readonly unknown[];
  tools?: readonly unknown[];
}): number {
  const system = call.system === undefined ? [] : Array.isArray(call.system) ? call.system : [call.system];
  let chars = system.reduce((sum, text) => sum + text.length, 0);
  let images = 0;
  const visit = (value: unknown): void => {
    if (typeof value === 'string') chars += value.length;
    else if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'image') {
        images++;
        return;
      }
      for (const [k, v] of Object.entries(record)) if (!SKIPPED_FIELDS.has(k)) visit(v);
    }
  };
  visit(call.messages);
  if (call.tools) visit(call.tools);
  return Math.ceil(chars / 4) + images * 1600;
}
