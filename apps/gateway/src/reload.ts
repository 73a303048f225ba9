import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/** Watches a directory: calls `onEvent` with the changed entry's name (null when the OS does not say). */
export type DirectoryWatch = (dir: string, onEvent: (file: string | null) => void) => { close(): void };

const watchDirectory: DirectoryWatch = (dir, onEvent) => {
  const watcher = watch(dir, { persistent: false }, (_event, file) =>
    onEvent(file === null ? null : String(file)),
  );
  watcher.on('error', () => watcher.close());
  return watcher;
};

/**
 * Calls `onChange` after the config file changes. It watches the directory, not the file: editors save by
 * writing a new file and renaming it over the old one, which a file watch would miss. Bursts of events from a
 * single save are collapsed into one call. `watchDir` is replaceable so tests drive the events themselves.
 */
export function watchConfigFile(
  path: string,
  onChange: () => void,
  debounceMs = 150,
  watchDir: DirectoryWatch = watchDirectory,
): () => void {
  const name = basename(path);
  let timer: NodeJS.Timeout | undefined;
  let watcher: { close(): void } | undefined;
  try {
    watcher = watchDir(dirname(path), (file) => {
      if (file !== null && file !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
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
