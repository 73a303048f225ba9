import type { RouteLedgerStore } from '@outcrop/provider';

/**
 * State every replica of the gateway must agree on: per-token request counts, concurrency slots, the signed
 * reasoning kept between turns and the routers' quota ledger. One process keeps it in memory; replicas share it
 * through Redis (`gateway.redis.url`). Both implementations sit behind these small interfaces, chosen once at start-up.
 */

/** Counters shared by every replica. */
export interface SharedCounter {
  /** Adds one to `key` and returns the new count; the key disappears `ttlMs` after it was first counted. */
  incrementWindow(key: string, ttlMs: number): Promise<number>;
  /**
   * Takes one of `max` slots under `key`: true when taken. A taken slot is given back with `release`. `ttlMs`
   * bounds how long slots of a replica that died without releasing them can linger.
   */
  acquireSlot(key: string, max: number, ttlMs: number): Promise<boolean>;
  releaseSlot(key: string): Promise<void>;
}

/** A key-value store with expiry, for values every replica may need to read back. */
export interface SharedMemory {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export interface SharedState {
  /** 'memory': this process only; 'redis': every replica pointing at the same server. */
  readonly kind: 'memory' | 'redis';
  readonly counter: SharedCounter;
  readonly memory: SharedMemory;
  /** The routers' headroom and rests (models.routes); undefined: each process keeps its own, in memory. */
  readonly routeLedger?: RouteLedgerStore;
  close(): Promise<void>;
}
