// Counts of live libuv handles and requests by kind (process.getActiveResourcesInfo), for leak checks.

export type ResourceCounts = Record<string, number>;

export function activeResources(): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** Kinds whose count grew from `before` to `after`, as 'Kind: a -> b'. */
export function grown(before: ResourceCounts, after: ResourceCounts): string[] {
  return Object.keys(after)
    .filter((kind) => (after[kind] ?? 0) > (before[kind] ?? 0))
    .map((kind) => `${kind}: ${before[kind] ?? 0} -> ${after[kind]}`);
}

/** Polls (bounded) until `done()` holds; sockets close a tick or two after their streams end. */
export async function settle(done: () => boolean, attempts = 100, intervalMs = 50): Promise<void> {
  for (let i = 0; i < attempts && !done(); i++) await new Promise((r) => setTimeout(r, intervalMs));
}

export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (vitest.reliability.config.ts sets it)');
  gc();
  gc();
}
