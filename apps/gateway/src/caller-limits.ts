import { GatewayError } from './errors.js';
import type { SharedCounter } from './shared-state/shared-state.js';

export interface CallerLimitSettings {
  /** Requests in flight per caller (`gateway.limits.maxConcurrentPerToken`). */
  maxConcurrent: number;
  /** Requests a caller may start per clock minute (`gateway.limits.requestsPerMinutePerToken`); none: no limit. */
  requestsPerMinute?: number | undefined;
}

const MINUTE_MS = 60_000;
/** A replica that dies holding slots frees them at the latest this long after the caller's last request. */
const SLOT_TTL_MS = 15 * MINUTE_MS;

/**
 * Per-caller admission: a per-minute request count (fixed clock-minute windows) and concurrency slots, both
 * counted in the shared state, so replicas on one Redis admit exactly the limit between them.
 */
export class CallerLimits {
  private settings: CallerLimitSettings;

  constructor(
    private readonly counter: SharedCounter,
    settings: CallerLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.settings = settings;
  }

  update(settings: CallerLimitSettings): void {
    this.settings = settings;
  }

  /** Admits one request for `key` and returns its release (idempotent), or throws a 429 `GatewayError`. */
  async admit(key: string): Promise<() => void> {
    const { maxConcurrent, requestsPerMinute } = this.settings;
    if (requestsPerMinute !== undefined) {
      const now = this.now();
      const minute = Math.floor(now / MINUTE_MS);
      // The window key names its minute, so every replica counts the same window whatever its clock skew within it.
      const count = await this.counter.incrementWindow(`${key}:${minute}`, 2 * MINUTE_MS);
      if (count > requestsPerMinute) {
        const wait = Math.max(1, Math.ceil(((minute + 1) * MINUTE_MS - now) / 1000));
        throw new GatewayError(
          'rate_limit',
          `Too many requests for this token (limit ${requestsPerMinute} a minute); retry in ${wait} s.`,
          { headers: { 'retry-after': String(wait) } },
        );
      }
    }
    if (!(await this.counter.acquireSlot(key, maxConcurrent, SLOT_TTL_MS))) {
      throw new GatewayError(
        'concurrency_limit',
        `Too many concurrent requests for this token (limit ${maxConcurrent}); retry when one finishes.`,
        { headers: { 'retry-after': '1' } },
      );
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // A failed release only delays the slot until it expires; the reply has already gone.
      this.counter.releaseSlot(key).catch(() => {});
    };
  }
}
