// Prompt caches live in one region (and account): a conversation that moves loses its cache. A conversation is
// known by a hash of what stays the same from turn to turn (system prompt, tools, first message), never by
// its text; the target it last ran on is remembered for the cache's lifetime, refreshed on each use (a cache
// hit resets Bedrock's TTL), in a bounded LRU so arbitrary traffic cannot grow it.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { CallOptions, Context } from '../spec.js';

export interface AffinityOptions {
  ttlMs: number;
  max: number;
  now: () => number;
}

export class CacheAffinity {
  private readonly pins: LRUCache<string, { target: string; at: number }>;

  constructor(private readonly options: AffinityOptions) {
    this.pins = new LRUCache({ max: options.max });
  }

  /** The conversation key, or undefined when the call uses no prompt cache. */
  static keyOf(route: string, context: Context, options: CallOptions): string | undefined {
    if (options.cache === 'off' || options.cacheRetention === 'none') return undefined;
    const first = context.messages[0];
    const hash = createHash('sha256');
    hash.update(route);
    hash.update('\0');
    hash.update(JSON.stringify(context.system ?? null));
    hash.update('\0');
    hash.update(JSON.stringify(context.tools ?? null));
    hash.update('\0');
    hash.update(JSON.stringify(first ?? null, binaryAsLength));
    return hash.digest('base64url');
  }

  get(key: string | undefined): string | undefined {
    if (key === undefined) return undefined;
    const pin = this.pins.get(key);
    if (!pin) return undefined;
    if (this.options.now() - pin.at > this.options.ttlMs) {
      this.pins.delete(key);
      return undefined;
    }
    return pin.target;
  }

  set(key: string | undefined, target: string): void {
    if (key !== undefined) this.pins.set(key, { target, at: this.options.now() });
  }

  get size(): number {
    return this.pins.size;
  }
}

/** Image and document bytes hash by size, not content: a key, not a copy of the upload. */
function binaryAsLength(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? `bytes:${value.byteLength}` : value;
}
