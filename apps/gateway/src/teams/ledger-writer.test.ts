import { describe, expect, it } from 'vitest';
import { LedgerWriter } from './ledger-writer.js';
import type { LedgerRow } from './types.js';

const row = (id: string) => ({ id }) as LedgerRow;

describe('LedgerWriter', () => {
  it('writes off the caller’s path, in batches', async () => {
    const batches: string[][] = [];
    const writer = new LedgerWriter({
      write: async (rows) => void batches.push(rows.map((r) => r.id)),
      maxBuffered: 100,
      batchSize: 2,
    });
    writer.push(row('a'));
    writer.push(row('b'));
    writer.push(row('c'));
    expect(batches).toEqual([]); // nothing written synchronously
    await writer.flush();
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect(writer.written).toBe(3);
  });

  it('keeps rows while writes fail, bounded, and writes them when the database is back', async () => {
    let down = true;
    const stored: string[] = [];
    const errors: number[] = [];
    let recovered = 0;
    const writer = new LedgerWriter({
      write: async (rows) => {
        if (down) throw new Error('connection refused');
        stored.push(...rows.map((r) => r.id));
      },
      maxBuffered: 3,
      retryMs: 1,
      maxRetryMs: 2,
      onError: (_err, buffered) => errors.push(buffered),
      onRecovered: () => recovered++,
    });
    for (const id of ['a', 'b', 'c', 'd']) writer.push(row(id));
    await writer.flush();
    expect(writer.unhealthy).toBe(true);
    expect(writer.buffered).toBe(3);
    expect(writer.dropped).toBe(1); // past the bound, counted rather than kept
    expect(errors.length).toBeGreaterThan(0);
    down = false;
    await writer.flush();
    expect(stored).toEqual(['a', 'b', 'c']);
    expect(writer.unhealthy).toBe(false);
    expect(recovered).toBe(1);
    await writer.close();
  });
});
