import type { Terminal } from './terminal.js';

/** Options every command accepts (declared once on the root program). */
export interface GlobalOptions {
  config?: string;
  debug?: boolean;
  color: boolean;
  /** false with --no-emulator: fail instead of falling back to the embedded emulator. */
  emulator: boolean;
}

/** What a command's run function receives besides its own options. */
export interface CommandContext {
  term: Terminal;
  globals: GlobalOptions;
  env: Record<string, string | undefined>;
  homeDir: string;
  cwd: string;
}
