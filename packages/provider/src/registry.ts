// The API registry: which implementation streams which wire API. Implementations may be registered
// eagerly or as a loader that is called once, on first use, so heavy SDKs load only when needed.
import { ProviderError } from './errors.js';
import { BEDROCK_CONVERSE_STREAM_API, type ProviderV1 } from './spec.js';

export type ProviderLoader = () => Promise<ProviderV1>;

interface Entry {
  source: ProviderV1 | ProviderLoader;
  loaded?: Promise<ProviderV1>;
}

const builtIns: Record<string, ProviderLoader> = {
  // The only path from the entry point to the AWS SDK: a dynamic import, taken on first use.
  [BEDROCK_CONVERSE_STREAM_API]: async () => (await import('./bedrock/index.js')).createBedrockProvider(),
};

const entries = new Map<string, Entry>(Object.entries(builtIns).map(([api, source]) => [api, { source }]));

/** Registers (or replaces) the implementation of a wire API. Returns a function that undoes it. */
export function registerApi(api: string, implementation: ProviderV1 | ProviderLoader): () => void {
  if (!api) throw new ProviderError('validation', 'registerApi needs a non-empty api name.');
  if (typeof implementation !== 'function') assertProvider(implementation, api);
  const entry: Entry = { source: implementation };
  entries.set(api, entry);
  return () => {
    if (entries.get(api) === entry) unregisterApi(api);
  };
}

/** Removes an API. A built-in API goes back to its built-in implementation. */
export function unregisterApi(api: string): boolean {
  const had = entries.delete(api);
  const builtIn = builtIns[api];
  if (builtIn) entries.set(api, { source: builtIn });
  return had;
}

export function hasApi(api: string): boolean {
  return entries.has(api);
}

export function listApis(): string[] {
  return [...entries.keys()].sort();
}

/** The implementation of an API, loading it on first use; undefined when nothing is registered. */
export async function getApi(api: string): Promise<ProviderV1 | undefined> {
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
