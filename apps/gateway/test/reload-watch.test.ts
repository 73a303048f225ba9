// The real directory watch, once: a save by rename (as editors do) reaches the callback. The timing-sensitive
// parts (debounce, filtering, stop) are unit-tested with a driven watch in src/reload.test.ts.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchConfigFile } from '../src/reload.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('watchConfigFile on the real file system', () => {
  it('sees the config replaced by rename', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcrop-watch-'));
    const file = join(dir, 'outcrop.json5');
    writeFileSync(file, '{}');
    let calls = 0;
    const stop = watchConfigFile(file, () => calls++, 10);
    cleanups.push(stop, () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'tmp'), '{ gateway: {} }');
    renameSync(join(dir, 'tmp'), file);
    // Bounded: the OS delivers the event when it can on a busy machine; only its arrival is asserted.
    await expect.poll(() => calls, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(1);
  });
});
