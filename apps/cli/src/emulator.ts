import type { CommandContext } from './command-context.js';
import { untilSignal } from './until-signal.js';
import * as upstream from './upstream.js';

export interface EmulatorCommandOptions {
  host: string;
  port?: number;
  region: string;
  json?: boolean;
}

/** Shell-quotes a value for `export NAME=value` lines. */
export const shellQuote = (value: string) =>
  /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * Starts the local Bedrock emulator and prints the env that points the AWS SDK (and Outcrop) at it:
 * `eval "$(outcrop emulator &)"`-friendly export lines on stdout, or one JSON object with --json.
 */
export async function runEmulator(context: CommandContext, options: EmulatorCommandOptions): Promise<number> {
  const { startEmulator } = await upstream.emulator();
  const emulator = await startEmulator({
    host: options.host,
    port: options.port ?? 0,
    region: options.region,
  });
  // Listen for Ctrl-C before printing: a script that reads the env and signals at once must not kill us
  // mid-way with the default handler.
  const stopped = untilSignal();
  const env = emulator.env();
  const { term } = context;
  if (options.json) {
    term.json({ url: emulator.url, region: emulator.region, env });
  } else {
    for (const [name, value] of Object.entries(env)) term.print(`export ${name}=${shellQuote(value)}`);
  }
  term.note(
    term.err.dim(
      `Bedrock emulator listening on ${emulator.url} (region ${emulator.region}). Ctrl-C stops it.`,
    ),
  );
  await stopped;
  await emulator.stop();
  return 0;
}
