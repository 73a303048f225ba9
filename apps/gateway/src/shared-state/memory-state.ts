import { LRUCache } from 'lru-cache';
import type { SharedCounter, SharedMemory, SharedState } from './shared-state.js';

/** Counters of one process: windows expire by clock, slots are plain counts. */
class MemoryCounter implements SharedCounter {
  private readonly windows = new Map<string, { count: number; expiresAt: number }>();
  private readonly slots = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  async incrementWindow(key: string, ttlMs: number): Promise<number> {
    const now = this.now();
    const current = this.windows.get(key);
    if (current === undefined || current.expiresAt <= now) {
      this.sweep(now);
      this.windows.set(key, { count: 1, expiresAt: now + ttlMs });
      return 1;
    }
    current.count += 1;
    return current.count;
  }

  async acquireSlot(key: string, max: number): Promise<boolean> {
    const current = this.slots.get(key) ?? 0;
    if (current >= max) return false;
    this.slots.set(key, current + 1);
    return true;
  }

  async releaseSlot(key: string): Promise<void> {
    const left = (this.slots.get(key) ?? 1) - 1;
    if (left <= 0) this.slots.delete(key);
    else this.slots.set(key, left);
  }

  /** Drops expired windows when a new one opens, so finished minutes do not accumulate. */
  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.expiresAt <= now) this.windows.delete(key);
  }
}

export interface MemoryStateOptions {
  now?: () => number;
  /** Bounds on what the memory keeps (least recently used out). */
  maxEntries?: number;
  maxBytes?: number;
}

/** Everything in this process: what one gateway process has always done. */
export function createMemoryState(options: MemoryStateOptions = {}): SharedState {
  const now = options.now ?? Date.now;
  const entries = new LRUCache<string, string>({
    max: options.maxEntries ?? 10_000,
    // Thinking can run to many kilobytes a turn; the total kept is bounded too.
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (value) => Math.max(1, value.length),
    perf: { now },
    ttlResolution: 0, // read the clock on each check, so an injected clock is honoured
  });
  const memory: SharedMemory = {
    async get(key) {
      return entries.get(key);
    },
    async set(key, value, ttlMs) {
      entries.set(key, value, { ttl: ttlMs });
    },
  };
  return { kind: 'memory', counter: new MemoryCounter(now), memory, async close() {} };
}
