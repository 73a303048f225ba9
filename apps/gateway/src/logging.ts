import { type DestinationStream, type Logger, pino } from 'pino';
import pinoPretty from 'pino-pretty';

export type { Logger };

/** Paths that may carry secrets; pino replaces them before anything is written. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  'tokens',
  'apiKey',
  'secretAccessKey',
  'sessionToken',
  '*.authorization',
  '*.apiKey',
  '*.secretAccessKey',
  '*.sessionToken',
  '*.tokens',
];

export interface LoggerOptions {
  level?: string;
  /** Pretty, human output; defaults to whether stdout is a terminal. */
  pretty?: boolean;
  destination?: NodeJS.WritableStream | DestinationStream;
}

const PRETTY = { colorize: true, ignore: 'pid,hostname,service' };

/** Where the gateway's own process logs go: pretty on a terminal (formatted in-process), else JSON lines. */
export function stdoutLogStream(): DestinationStream {
  return process.stdout.isTTY ? pinoPretty({ ...PRETTY, destination: 1, sync: true }) : process.stdout;
}

/** Structured JSON logs (pretty on a TTY) with secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const base = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'outcrop-gateway' },
  };
  if (options.destination) return pino(base, options.destination as DestinationStream);
  if (options.pretty ?? process.stdout.isTTY) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: PRETTY } });
  }
  return pino(base);
}

/**
 * Log output held back until `release()`, then written straight through: `pnpm start` prints its banner first and
 * its log lines after it, never in the middle. Bounded: past `maxHeld` lines it releases on its own.
 */
export class HeldOutput implements DestinationStream {
  #held: string[] | undefined = [];

  constructor(
    private readonly target: { write(chunk: string): unknown },
    private readonly maxHeld = 1_000,
  ) {}

  write(chunk: string): void {
    if (!this.#held) {
      this.target.write(chunk);
      return;
    }
    this.#held.push(chunk);
    if (this.#held.length >= this.maxHeld) this.release();
  }

  release(): void {
    const held = this.#held;
    this.#held = undefined;
    for (const chunk of held ?? []) this.target.write(chunk);
  }
}
