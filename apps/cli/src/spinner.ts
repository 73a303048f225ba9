import type { Terminal } from './terminal.js';

export interface Progress {
  update(text: string): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/**
 * A spinner on stderr, only when stderr is a terminal (never in pipes, CI logs or `--json` captures).
 * ora is imported only then, so scripted runs never load it.
 */
export async function startProgress(term: Terminal, text: string): Promise<Progress> {
  // A terminal without a size (some CI pseudo-terminals) would make the spinner redraw endlessly.
  if (!term.stderrIsTty || term.env.CI || !(process.stderr.columns > 0)) return silent;
  const { default: ora } = await import('ora');
  const spinner = ora({
    text,
    stream: process.stderr,
    discardStdin: false,
    color: term.err.isColorSupported ? 'cyan' : false,
  }).start();
  return {
    update: (next) => {
      spinner.text = next;
    },
    stop: () => spinner.stop(),
  };
}

/** Runs `work` behind a spinner and always clears it. */
export async function withProgress<T>(term: Terminal, text: string, work: () => Promise<T>): Promise<T> {
  const progress = await startProgress(term, text);
  try {
    return await work();
  } finally {
    progress.stop();
  }
}
