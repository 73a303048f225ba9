import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` after the config file changes. It watches the directory, not the file: editors save by
 * writing a new file and renaming it over the old one, which a file watch would miss. Bursts of events from a
 * single save are collapsed into one call.
 */
export function watchConfigFile(path: string, onChange: () => void, debounceMs = 150): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file !== null && file.toString() !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', () => watcher?.close());
  } catch {
    // A directory that cannot be watched leaves SIGHUP as the way to reload.
    return () => {};
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}

/** Runs reloads one at a time; a change that arrives during a reload triggers one more afterwards. */
export function serializeReloads(reload: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await reload();
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  return run;
}
