import type { LedgerRow } from './types.js';

export interface LedgerWriterOptions {
  write(rows: LedgerRow[]): Promise<void>;
  /** Rows kept while the database is unreachable; past it new rows are dropped and counted. */
  maxBuffered: number;
  /** Rows per transaction. */
  batchSize?: number;
  /** Waits between failed writes: doubles from `retryMs` up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  onError?: (err: unknown, buffered: number) => void;
  onRecovered?: (buffered: number) => void;
}

/**
 * Settled ledger rows leave the request path here: `push` only appends to memory, and one writer drains the
 * buffer in batches on a later tick. A failing database keeps the rows (bounded) and retries with backoff, so
 * a slow disk never slows a token and a database blip loses no finished request.
 */
export class LedgerWriter {
  private buffer: LedgerRow[] = [];
  private running: Promise<void> | undefined;
  private failing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  dropped = 0;
  written = 0;

  constructor(private readonly options: LedgerWriterOptions) {}

  get buffered(): number {
    return this.buffer.length;
  }

  /** True while the last write failed (the database is down, as far as the ledger knows). */
  get unhealthy(): boolean {
    return this.failing;
  }

  push(row: LedgerRow): void {
    if (this.buffer.length >= this.options.maxBuffered) {
      this.dropped++;
      return;
    }
    this.buffer.push(row);
    if (!this.running && !this.retryTimer && !this.closed) this.running = this.runSoon();
  }

  private async runSoon(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      await this.drain();
    } finally {
      this.running = undefined;
    }
  }

  private delay = 0;

  private async drain(): Promise<void> {
    const batchSize = this.options.batchSize ?? 200;
    while (this.buffer.length > 0) {
      const batch = this.buffer.slice(0, batchSize);
      try {
        await this.options.write(batch);
      } catch (err) {
        this.options.onError?.(err, this.buffer.length);
        this.failing = true;
        if (this.closed) return;
        const base = this.options.retryMs ?? 250;
        this.delay = Math.min(this.delay === 0 ? base : this.delay * 2, this.options.maxRetryMs ?? 5_000);
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          if (!this.running) this.running = this.runSoon();
        }, this.delay);
        this.retryTimer.unref();
        return;
      }
      this.buffer.splice(0, batch.length);
      this.written += batch.length;
      if (this.failing) {
        this.failing = false;
        this.delay = 0;
        this.options.onRecovered?.(this.buffer.length);
      }
    }
  }

  /** Writes what is buffered (one more try if the database is failing); resolves when done or given up. */
  async flush(): Promise<void> {
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
    }
    await this.running;
    if (this.buffer.length > 0) {
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
      await this.running;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}
