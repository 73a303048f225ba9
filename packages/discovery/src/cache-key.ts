import { KNOWN_MODELS_VERSION } from './known-models.js';
import { normalizeProviderFilter } from './provider-filter.js';

export interface CacheKeyParts {
  region: string;
  identity: string;
  endpoint?: string;
  providerFilter?: readonly string[];
  defaultContextWindow: number;
  defaultMaxTokens: number;
}

/**
 * What a cached model list depends on: region, credential identity (another account may see other
 * models), endpoint, filter, the defaults and the capability table's version. Stable JSON, no secrets:
 * `identity` is the non-secret key from @outcrop/credentials.
 */
export function discoveryCacheKey(parts: CacheKeyParts): string {
  return JSON.stringify({
    v: KNOWN_MODELS_VERSION,
    region: parts.region,
    identity: parts.identity,
    endpoint: parts.endpoint ?? null,
    providerFilter: normalizeProviderFilter(parts.providerFilter),
    defaultContextWindow: parts.defaultContextWindow,
    defaultMaxTokens: parts.defaultMaxTokens,
  });
}
