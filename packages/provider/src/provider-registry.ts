// The providers of one Outcrop instance: which implementation streams which wire API. Implementations may be
// registered eagerly or as a loader called once, on first use, so heavy SDKs load only when needed. Each
// instance has its own registry: two instances in one process never share providers or credentials.
import { closestMatches } from '@outcrop/config-schema';
import { ProviderError } from './errors.js';
import type { ProviderV1 } from './spec.js';

export type ProviderLoader = () => Promise<ProviderV1>;

export interface ProviderRegistry {
  /** Registers (or replaces) the implementation of a wire API. Returns a function that undoes it. */
  register(api: string, implementation: ProviderV1 | ProviderLoader): () => void;
  /** Removes an API; a built-in API goes back to its built-in implementation. */
  unregister(api: string): boolean;
  has(api: string): boolean;
  list(): string[];
  /** The implementation, loading it on first use; undefined when nothing is registered. */
  get(api: string): Promise<ProviderV1 | undefined>;
  /** Like get, but a missing API is a `no_provider` error naming the registered ones. */
  require(api: string, location?: string): Promise<ProviderV1>;
}

interface Entry {
  source: ProviderV1 | ProviderLoader;
  loaded?: Promise<ProviderV1>;
}

export function createProviderRegistry(builtIns: Record<string, ProviderLoader> = {}): ProviderRegistry {
  const entries = new Map<string, Entry>(Object.entries(builtIns).map(([api, source]) => [api, { source }]));

  const registry: ProviderRegistry = {
    register(api, implementation) {
      if (!api) throw new ProviderError('validation', 'register needs a non-empty api name.');
      if (typeof implementation !== 'function') assertProvider(implementation, api);
      const entry: Entry = { source: implementation };
      entries.set(api, entry);
      return () => {
        if (entries.get(api) === entry) registry.unregister(api);
      };
    },
    unregister(api) {
      const had = entries.delete(api);
      const builtIn = builtIns[api];
      if (builtIn) entries.set(api, { source: builtIn });
      return had;
    },
    has: (api) => entries.has(api),
    list: () => [...entries.keys()].sort(),
    async get(api) {
      const entry = entries.get(api);
      if (!entry) return undefined;
      if (typeof entry.source !== 'function') return entry.source;
      const loader = entry.source;
      entry.loaded ??= loader().then(
        (provider) => assertProvider(provider, api),
        (error: unknown) => {
          entry.loaded = undefined; // let a later call retry the load
          throw new ProviderError('no_provider', `Loading the implementation of API "${api}" failed.`, {
            cause: error,
          });
        },
      );
      return entry.loaded;
    },
    async require(api, location) {
      const provider = await registry.get(api);
      if (provider) return provider;
      const near = closestMatches(api, registry.list());
      throw new ProviderError(
        'no_provider',
        `No provider is registered for API "${api}"${near.length ? `; did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : '.'}`,
        location !== undefined ? { location } : {},
      );
    },
  };
  return registry;
}

function assertProvider(value: unknown, api: string): ProviderV1 {
  const provider = value as Partial<ProviderV1> | undefined;
  if (provider?.specificationVersion !== 'v1' || typeof provider.stream !== 'function') {
    throw new ProviderError(
      'validation',
      `The implementation for API "${api}" is not a v1 provider (specificationVersion: 'v1' and stream()).`,
    );
  }
  return provider as ProviderV1;
}
