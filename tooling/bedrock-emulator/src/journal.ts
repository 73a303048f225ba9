// The request journal: one entry per request, updated while its response is written, so tests can assert on
// what a client sent (auth kind, attempt, model, body) and what it did (events received, cancellation).
import type { JournalEntry } from './journal-entry.js';

type Waiter = { predicate: (entry: JournalEntry) => boolean; resolve: (entry: JournalEntry) => void };

/** Oldest entries are dropped beyond this, so a long-running emulator (CLI, gateway) stays bounded. */
const MAX_ENTRIES = 10_000;

/** What tests see of the journal. */
export interface RequestJournal {
  /** A snapshot of every entry so far, oldest first (the last 10,000 are kept). */
  entries(): JournalEntry[];
  clear(): void;
  /** Resolves with the first entry (present or future) that satisfies `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (entry: JournalEntry) => boolean, timeoutMs?: number): Promise<JournalEntry>;
}

export class Journal implements RequestJournal {
  private list: JournalEntry[] = [];
  private waiters = new Set<Waiter>();
  private counter = 0;

  /** A snapshot of every entry so far, oldest first. */
  entries(): JournalEntry[] {
    return this.list.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.list = [];
  }

  /** Resolves with the first entry (present or future) that satisfies `predicate`; rejects after `timeoutMs`. */
  waitFor(predicate: (entry: JournalEntry) => boolean, timeoutMs = 5000): Promise<JournalEntry> {
    const found = this.list.find(predicate);
    if (found) return Promise.resolve({ ...found });
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (entry) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve({ ...entry });
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`journal.waitFor: no matching entry within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref?.();
      this.waiters.add(waiter);
    });
  }

  /** Starts the entry of a new request. */
  open(
    fields: Omit<JournalEntry, 'id' | 'at' | 'status' | 'eventsSent' | 'cancelled' | 'done'>,
  ): JournalEntry {
    this.counter += 1;
    const entry: JournalEntry = {
      id: `req-${this.counter}`,
      at: Date.now(),
      status: 0,
      eventsSent: 0,
      cancelled: false,
      done: false,
      ...fields,
    };
    this.list.push(entry);
    if (this.list.length > MAX_ENTRIES) this.list.splice(0, this.list.length - MAX_ENTRIES);
    return entry;
  }

  /** Called after an entry changed in a way a waiter may care about. */
  touch(entry: JournalEntry): void {
    // Called per streamed event: nothing to copy in the usual case of no waiter.
    if (this.waiters.size === 0) return;
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(entry)) waiter.resolve(entry);
    }
  }
}
