import { LRUCache } from 'lru-cache';

/**
 * Requests and tokens per minute per key, over a sliding 60-second window of the calls themselves. A call is
 * counted at admission with the same token estimate the budgets hold (input + max_tokens reservation) and
 * corrected to its real tokens when it settles, so both limits agree with the budget accounting.
 */
const WINDOW_MS = 60_000;
/** Keys tracked at once; the least recently used go first (a bounded map). */
const MAX_KEYS = 100_000;

export interface RateEntry {
  at: number;
  tokens: number;
}

export type RateDecision =
  | { ok: true; entry: RateEntry }
  | { ok: false; limit: 'rpm' | 'tpm'; max: number; retryAfterS: number };

export class RateLimiter {
  private readonly windows = new LRUCache<string, RateEntry[]>({ max: MAX_KEYS });

  constructor(private readonly now: () => number = Date.now) {}

  admit(key: string, limits: { rpm: number | null; tpm: number | null }, tokens: number): RateDecision {
    const now = this.now();
    const entries = this.windowOf(key, now);
    if (limits.rpm !== null && entries.length >= limits.rpm) {
      return { ok: false, limit: 'rpm', max: limits.rpm, retryAfterS: retryAfter(entries[0]!.at, now) };
    }
    if (limits.tpm !== null) {
      let used = 0;
      for (const e of entries) used += e.tokens;
      if (used + tokens > limits.tpm) {
        // Wait until enough old calls leave the window (or a full minute when this call alone is too big).
        let freed = used;
        let until = now;
        for (const e of entries) {
          if (freed + tokens <= limits.tpm) break;
          freed -= e.tokens;
          until = e.at;
        }
        return { ok: false, limit: 'tpm', max: limits.tpm, retryAfterS: retryAfter(until, now) };
      }
    }
    const entry = { at: now, tokens };
    entries.push(entry);
    return { ok: true, entry };
  }

  private windowOf(key: string, now: number): RateEntry[] {
    let entries = this.windows.get(key); // a get marks the key recently used
    if (!entries) {
      entries = [];
      this.windows.set(key, entries);
    }
    let drop = 0;
    while (drop < entries.length && entries[drop]!.at <= now - WINDOW_MS) drop++;
    if (drop > 0) entries.splice(0, drop);
    return entries;
  }
}

function retryAfter(oldest: number, now: number): number {
  return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
}
