// Where several replicas keep the routers' quota ledger, so that they route as one gateway: each pool's minute
// (tokens and requests, by the burndown rule), each target's rest after a throttle, and each conversation's pin
// to the target that holds its prompt cache. An app injects it (the
// gateway's Redis); without one, each process keeps its own ledger in memory (burndown.ts), as fast as before.

/** A pool's count over the minute before `now`. */
export interface PoolCount {
  tokens: number;
  requests: number;
}

export interface RouteLedgerStore {
  /**
   * One round trip: each pool's count over the minute before `now` (in `pools` order) and each target's rest
   * (ms on the routers' clock; 0 when not resting), in `rests` order, and with `pin` the target a conversation
   * is pinned to, if any. Keys are opaque, short and URL-safe.
   */
  read(
    pools: readonly string[],
    rests: readonly string[],
    now: number,
    pin?: string,
  ): Promise<{ pools: PoolCount[]; rests: number[]; pin?: string | undefined }>;
  /**
   * Adds to a pool's count at time `at` (integers; negative to give back a reservation that settled lower or
   * was released). Issued in call order on one connection: a read issued after an add sees it.
   */
  add(pool: string, at: number, tokens: number, requests: number): Promise<void>;
  /** Rests a target until `until`, unless it already rests longer. */
  rest(key: string, until: number, now: number): Promise<void>;
  /** Pins a conversation to the target holding its prompt cache, for `ttlMs` from now. */
  pin(key: string, target: string, ttlMs: number): Promise<void>;
}
