import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * When the discovery result for `key` was written to the on-disk cache, without calling Bedrock.
 * `Discovery.cacheInfo()` reports only what the process itself has read, and `models status` must not
 * list models, so it looks for the cache file whose `key` matches. Undefined when there is none.
 */
export async function diskCacheFetchedAt(dir: string, key: string): Promise<number | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  let newest: number | undefined;
  for (const name of names) {
    if (!name.startsWith('bedrock-discovery-') || !name.endsWith('.json')) continue;
    try {
      const file = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as {
        key?: unknown;
        fetchedAt?: unknown;
      };
      if (
        file.key === key &&
        typeof file.fetchedAt === 'number' &&
        (newest === undefined || file.fetchedAt > newest)
      ) {
        newest = file.fetchedAt;
      }
    } catch {
      // A half-written or foreign file is simply not a cache entry.
    }
  }
  return newest;
}
