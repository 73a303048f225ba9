import { DiscoveryError } from './errors.js';

/** A value with the non-fatal errors met while producing it. */
export interface Snapshot<T> {
  value: T;
  fetchedAt: number;
  warnings: DiscoveryError[];
}

export interface CacheRead<T> {
  value: T;
  fetchedAt: number;
  /** Served from memory or disk rather than fetched (or joined) by this call. */
  fromCache: boolean;
  /** Older than the TTL: a refresh failed and the last good value is served. */
  stale: boolean;
  errors: DiscoveryError[];
}

export interface RefreshingCacheOptions<T> {
  /** 0: no caching (concurrent callers still share one in-flight fetch). */
  ttlMs: number;
  now: () => number;
  fetch: () => Promise<{ value: T; warnings: DiscoveryError[] }>;
  /** Loads a persisted snapshot once, before the first fetch (on-disk cache). */
  load?: () => Promise<Snapshot<T> | undefined>;
  save?: (snapshot: Snapshot<T>) => Promise<void>;
  /** After a failed refresh, serve the stale value this long before trying upstream again. */
  errorBackoffMs?: number;
}

export interface RefreshingCache<T> {
  get(signal?: AbortSignal): Promise<CacheRead<T>>;
  refresh(signal?: AbortSignal): Promise<CacheRead<T>>;
  snapshot(): Snapshot<T> | undefined;
}

function asDiscoveryError(error: unknown): DiscoveryError {
  if (DiscoveryError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DiscoveryError('network', `Model discovery failed: ${message}`, { cause: error });
}

/** Resolves with `promise`, or rejects with the signal's reason when this caller gives up first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * A single value kept fresh for `ttlMs`: concurrent callers share one upstream fetch, a failed
 * refresh serves the last good value marked `stale` with the error, and nothing is cached when
 * `ttlMs` is 0. A caller's abort signal detaches that caller only; the shared fetch goes on.
 */
export function createRefreshingCache<T>(options: RefreshingCacheOptions<T>): RefreshingCache<T> {
  const { ttlMs, now } = options;
  const caching = ttlMs > 0;
  const errorBackoffMs = options.errorBackoffMs ?? Math.min(ttlMs, 30_000);
  let last: Snapshot<T> | undefined;
  let lastFailure: { at: number; error: DiscoveryError } | undefined;
  let inFlight: Promise<CacheRead<T>> | undefined;
  let loading: Promise<void> | undefined;

  const loadOnce = (): Promise<void> => {
    if (!caching || !options.load) return Promise.resolve();
    loading ??= options.load().then(
      (snapshot) => {
        if (snapshot && (!last || snapshot.fetchedAt > last.fetchedAt)) last = snapshot;
      },
      () => undefined,
    );
    return loading;
  };

  const staleRead = (snapshot: Snapshot<T>, error: DiscoveryError): CacheRead<T> => ({
    value: snapshot.value,
    fetchedAt: snapshot.fetchedAt,
    fromCache: true,
    stale: true,
    errors: [error, ...snapshot.warnings],
  });

  const run = async (): Promise<CacheRead<T>> => {
    try {
      const { value, warnings } = await options.fetch();
      const snapshot: Snapshot<T> = { value, fetchedAt: now(), warnings };
      if (caching) {
        last = snapshot;
        lastFailure = undefined;
        await options.save?.(snapshot).catch(() => undefined);
      }
      return { value, fetchedAt: snapshot.fetchedAt, fromCache: false, stale: false, errors: [...warnings] };
    } catch (caught) {
      const error = asDiscoveryError(caught);
      if (!caching || !last) throw error;
      lastFailure = { at: now(), error };
      return staleRead(last, error);
    }
  };

  const startOrJoin = (): Promise<CacheRead<T>> => {
    inFlight ??= run().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    async get(signal) {
      await untilAborted(loadOnce(), signal);
      if (caching && last) {
        const t = now();
        if (t - last.fetchedAt < ttlMs) {
          return {
            value: last.value,
            fetchedAt: last.fetchedAt,
            fromCache: true,
            stale: false,
            errors: [...last.warnings],
          };
        }
        if (lastFailure && t - lastFailure.at < errorBackoffMs) return staleRead(last, lastFailure.error);
      }
      return untilAborted(startOrJoin(), signal);
    },
    async refresh(signal) {
      await untilAborted(loadOnce(), signal);
      return untilAborted(startOrJoin(), signal);
    },
    snapshot: () => last,
  };
}
