import pc from 'picocolors';

type Colors = ReturnType<typeof pc.createColors>;

interface WritableTty {
  write(chunk: string): boolean;
  isTTY?: boolean;
}

/**
 * Whether to colour a stream: NO_COLOR (any non-empty value) wins, then FORCE_COLOR (anything but 0/false),
 * then `--no-color`, then "is it a terminal". See https://no-color.org.
 */
export function colorEnabled(
  stream: WritableTty,
  env: Record<string, string | undefined>,
  flag: boolean | undefined,
): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (flag === false) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/**
 * The CLI's view of its process: machine output goes to `out`, everything a person reads while waiting
 * (progress, notices, warnings) goes to `err`, so `outcrop ... --json | jq` always sees clean JSON.
 */
export class Terminal {
  readonly out: Colors;
  readonly err: Colors;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly stdinIsTty: boolean;

  constructor(
    private readonly stdout: WritableTty = process.stdout,
    private readonly stderr: WritableTty = process.stderr,
    readonly env: Record<string, string | undefined> = process.env,
    colorFlag?: boolean,
  ) {
    this.out = pc.createColors(colorEnabled(stdout, env, colorFlag));
    this.err = pc.createColors(colorEnabled(stderr, env, colorFlag));
    this.stdoutIsTty = stdout.isTTY === true;
    this.stderrIsTty = stderr.isTTY === true;
    this.stdinIsTty = process.stdin.isTTY === true;
  }

  /** Writes a line of machine or result output to stdout. */
  print(line = ''): void {
    this.stdout.write(`${line}\n`);
  }

  /** Writes raw text to stdout (streamed replies). */
  write(text: string): void {
    this.stdout.write(text);
  }

  /** Writes a notice to stderr: progress, warnings, "using the emulator". */
  note(line: string): void {
    this.stderr.write(`${line}\n`);
  }

  /** Raw text to stderr (dimmed reasoning when stdout is the reply). */
  writeErr(text: string): void {
    this.stderr.write(text);
  }

  json(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
