// The routers' ledger kept in a store every replica shares (ledger-store.ts). Before ordering a call the router
// reads the route's pools, rests and the conversation's pin in one round trip; reservations, settlements, rests and
// pins are written as they happen. Between reads a pool adds this process's own writes that the last read could
// not have seen yet, so concurrent calls in one process never miss each other. The store is advisory: when it
// fails, the router keeps deciding on what it last knew plus its own calls (Bedrock has the last word), and
// `onError` is told.
import { createHash } from 'node:crypto';
import type { Usage } from '../usage.js';
import { burnedTokens, QuotaBudget, type QuotaLimits, type Reservation, WINDOW_MS } from './burndown.js';
import type { RouteLedgerStore } from './ledger-store.js';
import type { RouteTarget } from './route-targets.js';

interface Delta {
  /** Write order in this process: a read issued after this write includes it. */
  seq: number;
  at: number;
  tokens: number;
  requests: number;
}

/** A pool counted in the shared store. */
export class SharedBudget extends QuotaBudget {
  private base = { tokens: 0, requests: 0, at: Number.NEGATIVE_INFINITY };
  private deltas: Delta[] = [];
  private readSeq = 0;

  constructor(
    limits: QuotaLimits,
    readonly key: string,
    private readonly rate: number,
    private readonly ledger: SharedLedger,
  ) {
    super(limits);
  }

  usedTokens(): number {
    return Math.max(
      0,
      this.sum((d) => d.tokens, this.base.tokens),
    );
  }

  usedRequests(): number {
    return Math.max(
      0,
      this.sum((d) => d.requests, this.base.requests),
    );
  }

  reserve(inputTokens: number, maxTokens: number): Reservation {
    const at = this.ledger.now();
    const reserved = Math.round(inputTokens + maxTokens);
    this.add(at, reserved, 1);
    let open = true;
    return {
      settle: (usage: Usage) => {
        if (!open) return;
        open = false;
        const burned = Math.round(burnedTokens(usage, this.rate));
        if (burned !== reserved) this.add(at, burned - reserved, 0);
      },
      release: () => {
        if (!open) return;
        open = false;
        this.add(at, -reserved, -1);
      },
    };
  }

  /** A read issued after write `seq` answered: it holds every write up to there. */
  applyRead(seq: number, tokens: number, requests: number, at: number): void {
    if (seq < this.readSeq) return; // an older read answering late
    this.readSeq = seq;
    this.base = { tokens, requests, at };
    this.deltas = this.deltas.filter((d) => d.seq > seq);
  }

  private add(at: number, tokens: number, requests: number): void {
    this.deltas.push({ seq: this.ledger.write(this.key, at, tokens, requests), at, tokens, requests });
  }

  private sum(of: (d: Delta) => number, base: number): number {
    const since = this.ledger.now() - WINDOW_MS;
    // A settlement is dated at its reservation, so deltas are not in time order.
    if (this.deltas.some((d) => d.at <= since)) this.deltas = this.deltas.filter((d) => d.at > since);
    // A read older than the window says nothing of this minute.
    return this.deltas.reduce((total, d) => total + of(d), this.base.at > since ? base : 0);
  }
}

/** How long a call waits for the store before routing on what this process knows (a store that hangs). */
const WAIT_MS = 1000;

export class SharedLedger {
  private seq = 0;
  private lastWrite: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: RouteLedgerStore,
    readonly now: () => number,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly waitMs = WAIT_MS,
  ) {}

  /** A pool's store key: a hash of what names it (account, region, endpoint, model, limits). */
  budget(name: readonly unknown[], limits: QuotaLimits, rate: number): SharedBudget {
    return new SharedBudget(limits, keyOf(['pool', ...name]), rate, this);
  }

  /**
   * Reads the pools and rests of these targets into them, and the conversation's pin when given its key (one round
   * trip); returns the pinned target's name.
   */
  async refresh(
    route: string,
    targets: readonly RouteTarget[],
    conversation?: string,
  ): Promise<string | undefined> {
    const pools = [...new Set(targets.map((t) => t.budget))].filter(
      (b): b is SharedBudget => b instanceof SharedBudget,
    );
    const rests = targets.map((t) => restKey(route, t));
    const seq = this.seq;
    const now = this.now();
    try {
      const read = await within(
        this.store.read(
          pools.map((p) => p.key),
          rests,
          now,
          ...(conversation !== undefined ? [pinKey(conversation)] : []),
        ),
        this.waitMs,
      );
      pools.forEach((pool, i) => {
        const count = read.pools[i];
        if (count) pool.applyRead(seq, count.tokens, count.requests, now);
      });
      targets.forEach((target, i) => {
        target.coolUntil = Math.max(target.coolUntil, read.rests[i] ?? 0);
      });
      return read.pin;
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }

  /** Pins a conversation (its CacheAffinity key) to a target for every replica. */
  pin(conversation: string, target: string, ttlMs: number): void {
    this.track(this.store.pin(pinKey(conversation), target, ttlMs));
  }

  /** Rests a target for every replica. */
  rest(route: string, target: RouteTarget, until: number): void {
    this.track(this.store.rest(restKey(route, target), until, this.now()));
  }

  /** Issues a write now (so later reads include it) and returns its order. */
  write(key: string, at: number, tokens: number, requests: number): number {
    this.track(this.store.add(key, at, tokens, requests));
    return ++this.seq;
  }

  /** Waits for the writes issued so far (the store answers in order): other replicas now see them. */
  async flush(): Promise<void> {
    try {
      await within(this.lastWrite, this.waitMs);
    } catch (error) {
      this.onError(error);
    }
  }

  private track(write: Promise<unknown>): void {
    const done = write.catch((error: unknown) => this.onError(error));
    this.lastWrite = done;
  }
}

/** The promise's outcome, or a timeout error after `ms` (the promise goes on; its answer is then ignored). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the shared routing ledger did not answer within ${ms} ms`)),
      ms,
    );
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function pinKey(conversation: string): string {
  return keyOf(['pin', conversation]);
}

function restKey(route: string, target: RouteTarget): string {
  return keyOf(['rest', route, target.name]);
}

function keyOf(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}
