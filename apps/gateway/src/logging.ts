import { type Logger, pino } from 'pino';

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
  destination?: NodeJS.WritableStream;
}

/** Structured JSON logs (pretty on a TTY) with secrets redacted. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const base = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'outcrop-gateway' },
  };
  if (options.destination) return pino(base, options.destination as pino.DestinationStream);
  if (options.pretty ?? process.stdout.isTTY) {
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,service' } },
    });
  }
  return pino(base);
}
