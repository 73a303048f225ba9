import type { StreamClock } from './clock.js';

export type TimeoutKind = 'first-event' | 'idle';

/**
 * At most one timer per attempt, however many events arrive: the first-event deadline runs until
 * the first event, then the idle deadline is checked lazily (on expiry it re-arms for the time left
 * since the last wait began). Only time spent waiting on the network counts, so a slow consumer
 * never trips the idle timeout, and a stream nobody reads holds no timer.
 */
export class StreamWatchdog {
  private handle: unknown;
  private armed = false;
  private waitingSince = -1;
  private sawEvent = false;
  private stopped = false;

  constructor(
    private readonly clock: StreamClock,
    private readonly firstEventMs: number,
    private readonly idleMs: number,
    private readonly onTimeout: (kind: TimeoutKind, ms: number) => void,
  ) {}

  /** Starts the first-event deadline. */
  start(): void {
    this.waitingSince = this.clock.now();
    this.handle = this.clock.setTimeout(() => this.fire('first-event', this.firstEventMs), this.firstEventMs);
  }

  /** Call just before waiting for the next event. */
  waiting(): void {
    this.waitingSince = this.clock.now();
    if (this.sawEvent && !this.armed && !this.stopped) this.arm(this.idleMs);
  }

  /** Call when an event arrived. */
  received(): void {
    this.waitingSince = -1;
    if (this.sawEvent) return;
    this.sawEvent = true;
    this.clock.clearTimeout(this.handle);
    this.arm(this.idleMs);
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.handle);
  }

  private arm(ms: number): void {
    this.armed = true;
    this.handle = this.clock.setTimeout(() => this.checkIdle(), ms);
  }

  private checkIdle(): void {
    this.armed = false;
    // Not waiting: the consumer holds an event; `waiting()` re-arms when it asks for the next.
    if (this.stopped || this.waitingSince < 0) return;
    const waited = this.clock.now() - this.waitingSince;
    if (waited >= this.idleMs) this.fire('idle', this.idleMs);
    else this.arm(this.idleMs - waited);
  }

  private fire(kind: TimeoutKind, ms: number): void {
    if (this.stopped) return;
    this.stopped = true;
    this.onTimeout(kind, ms);
  }
}
