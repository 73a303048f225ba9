import type { BedrockClient } from '@aws-sdk/client-bedrock';
import { buildCatalog } from './build-catalog.js';
import { discoveryCacheKey } from './cache-key.js';
import type { DiscoveredModel } from './discovered-model.js';
import { readDiskCache, writeDiskCache } from './disk-cache.js';
import type { DiscoveryError } from './errors.js';
import { fetchCatalogInput, loadBedrockSdk } from './fetch-catalog.js';
import { createRefreshingCache } from './refreshing-cache.js';
import type { BedrockConnection, BedrockDiscoveryConfig } from './upstream-types.js';

export interface DiscoveryResult {
  models: DiscoveredModel[];
  fetchedAt: number;
  fromCache: boolean;
  stale: boolean;
  errors: DiscoveryError[];
}

export interface Discovery {
  /** Cached for `refreshInterval` seconds; concurrent callers share one upstream request. */
  list(options?: { signal?: AbortSignal }): Promise<DiscoveryResult>;
  /** Fetches now, whatever the cache holds (joins a fetch already running). */
  refresh(): Promise<DiscoveryResult>;
  cacheInfo(): { fetchedAt?: number; ageMs?: number; key: string };
  /** The region models are listed in and must be called from. */
  readonly region: string;
}

export interface CreateDiscoveryOptions {
  connection: BedrockConnection;
  config: BedrockDiscoveryConfig;
  /** Keep a JSON copy of the list here (for short-lived processes such as the CLI). */
  diskCacheDir?: string;
  /** Clock in ms (tests inject one). */
  now?: () => number;
  /** ListInferenceProfiles page size, 1 to 1000 (default 1000). */
  profilePageSize?: number;
  /** Bound on one refresh, both listings included (default 30 000 ms). */
  timeoutMs?: number;
}

function checkedNumber(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new RangeError(`models.bedrockDiscovery.${name} must be a number >= ${min}, got ${String(value)}`);
  }
  return Math.floor(value);
}

export function createDiscovery(options: CreateDiscoveryOptions): Discovery {
  const { connection, config, diskCacheDir } = options;
  const now = options.now ?? Date.now;
  const region = config.region?.trim() || connection.region.region;
  const defaults = {
    contextWindow: checkedNumber('defaultContextWindow', config.defaultContextWindow, 1),
    maxTokens: checkedNumber('defaultMaxTokens', config.defaultMaxTokens, 1),
  };
  const ttlMs = checkedNumber('refreshInterval', config.refreshInterval, 0) * 1000;
  const key = discoveryCacheKey({
    region,
    identity: connection.identity,
    endpoint: connection.controlEndpoint?.url,
    providerFilter: config.providerFilter,
    defaultContextWindow: defaults.contextWindow,
    defaultMaxTokens: defaults.maxTokens,
  });

  // The SDK is loaded on the first fetch only: a list served from the cache never pays for it.
  let client: Promise<BedrockClient> | undefined;
  const clientFor = () => {
    client ??= loadBedrockSdk().then(
      ({ BedrockClient }) => new BedrockClient(connection.clientConfig('bedrock', { region })),
    );
    return client;
  };

  const cache = createRefreshingCache<DiscoveredModel[]>({
    ttlMs,
    now,
    fetch: async () => {
      const { input, warnings } = await fetchCatalogInput(await clientFor(), {
        region,
        pageSize: options.profilePageSize,
        timeoutMs: options.timeoutMs,
      });
      const models = buildCatalog(input, { region, providerFilter: config.providerFilter, defaults });
      return { value: models, warnings };
    },
    ...(diskCacheDir
      ? {
          load: () => readDiskCache(diskCacheDir, key, now()),
          save: (snapshot) => writeDiskCache(diskCacheDir, key, snapshot),
        }
      : {}),
  });

  // A fresh array per caller: one caller sorting or filtering in place must not change the cache.
  const toResult = (read: Awaited<ReturnType<typeof cache.get>>): DiscoveryResult => ({
    models: [...read.value],
    fetchedAt: read.fetchedAt,
    fromCache: read.fromCache,
    stale: read.stale,
    errors: read.errors,
  });

  return {
    region,
    list: async (listOptions) => toResult(await cache.get(listOptions?.signal)),
    refresh: async () => toResult(await cache.refresh()),
    cacheInfo: () => {
      const snapshot = cache.snapshot();
      return snapshot ? { fetchedAt: snapshot.fetchedAt, ageMs: now() - snapshot.fetchedAt, key } : { key };
    },
  };
}
