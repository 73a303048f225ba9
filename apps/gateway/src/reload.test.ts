import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeReloads, watchConfigFile } from './reload.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('watchConfigFile', () => {
  it('fires after the file is replaced by rename, as editors save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcrop-watch-'));
    dirs.push(dir);
    const file = join(dir, 'outcrop.json5');
    writeFileSync(file, '{}');
    const fired = new Promise<void>((resolve) => {
      const stop = watchConfigFile(
        file,
        () => {
          stop();
          resolve();
        },
        10,
      );
    });
    writeFileSync(join(dir, 'tmp'), '{ gateway: {} }');
    renameSync(join(dir, 'tmp'), file);
    await fired;
  });
});

describe('serializeReloads', () => {
  it('never runs two reloads at once and runs once more for changes during a reload', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const reload = serializeReloads(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      runs++;
      if (runs === 1) await gate;
      running--;
    });
    const first = reload();
    const second = reload();
    const third = reload();
    release();
    await Promise.all([first, second, third]);
    expect(maxRunning).toBe(1);
    expect(runs).toBe(2);
  });
});
