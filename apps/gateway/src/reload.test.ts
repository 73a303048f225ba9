import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DirectoryWatch, serializeReloads, watchConfigFile } from './reload.js';

/** A directory watch the test drives: it records what was watched and hands the test the event callback. */
function fakeWatch() {
  const state = {
    dirs: [] as string[],
    closed: 0,
    emit: (_file: string | null) => {},
    watch: ((dir, onEvent) => {
      state.dirs.push(dir);
      state.emit = onEvent;
      return {
        close: () => {
          state.closed++;
        },
      };
    }) as DirectoryWatch,
  };
  return state;
}

describe('watchConfigFile', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('watches the directory (a rename over the file is seen) and fires once per burst, after the debounce', () => {
    const fs = fakeWatch();
    let calls = 0;
    watchConfigFile(
      '/etc/outcrop/outcrop.json5',
      () => {
        calls++;
      },
      150,
      fs.watch,
    );
    expect(fs.dirs).toEqual(['/etc/outcrop']);
    // An editor's save: a temp file, then a rename over the config (events name both).
    fs.emit('outcrop.json5.tmp');
    fs.emit('outcrop.json5');
    vi.advanceTimersByTime(100);
    fs.emit('outcrop.json5');
    vi.advanceTimersByTime(149);
    expect(calls).toBe(0);
    vi.advanceTimersByTime(1);
    expect(calls).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(calls).toBe(1);
  });

  it('ignores other files, but treats an event without a name as a change', () => {
    const fs = fakeWatch();
    let calls = 0;
    watchConfigFile('/cfg/outcrop.json5', () => calls++, 150, fs.watch);
    fs.emit('other.json5');
    fs.emit('outcrop.json5.bak');
    vi.advanceTimersByTime(1_000);
    expect(calls).toBe(0);
    fs.emit(null);
    vi.advanceTimersByTime(150);
    expect(calls).toBe(1);
  });

  it('stop closes the watch and cancels a pending call', () => {
    const fs = fakeWatch();
    let calls = 0;
    const stop = watchConfigFile('/cfg/outcrop.json5', () => calls++, 150, fs.watch);
    fs.emit('outcrop.json5');
    stop();
    vi.advanceTimersByTime(1_000);
    expect(calls).toBe(0);
    expect(fs.closed).toBe(1);
  });

  it('a directory that cannot be watched gives a stop that does nothing, not a throw', () => {
    const stop = watchConfigFile(
      '/nope/outcrop.json5',
      () => {},
      150,
      () => {
        throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      },
    );
    expect(() => stop()).not.toThrow();
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
