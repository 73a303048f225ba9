// Command-line options of `outcrop-bedrock-emulator`, validated with zod.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `Usage: outcrop-bedrock-emulator [--port N] [--host H] [--region R] [--allow-remote] [--record]
                                [--tokens-per-minute N] [--requests-per-minute N]

Starts a local Amazon Bedrock (runtime + control plane, h2c and HTTP/1.1 on one port) and prints the
environment that points any AWS SDK at it.

  --port N         port to listen on (default 0: a free port)
  --host H         address to bind (default 127.0.0.1; loopback only unless --allow-remote)
  --region R       default region for the printed env and bearer requests (default us-east-1)
  --event-delay MS delay between stream events (default 0)
  --record         keep raw event streams for replay
  --tokens-per-minute N    quota per key, region and model (default: none)
  --requests-per-minute N  quota per key, region and model (default: none)
  --allow-remote   allow a non-loopback --host
  --help           show this help`;

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  region: z
    .string()
    .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'a region such as us-east-1')
    .default('us-east-1'),
  eventDelay: z.coerce.number().min(0).default(0),
  record: z.boolean().default(false),
  tokensPerMinute: z.coerce.number().int().min(1).optional(),
  requestsPerMinute: z.coerce.number().int().min(1).optional(),
  allowRemote: z.boolean().default(false),
  help: z.boolean().default(false),
});

export type CliOptions = z.infer<typeof schema>;

export class CliUsageError extends Error {
  readonly code = 'cli_usage';
}

export function parseCliArgs(argv: string[]): CliOptions {
  let values: Record<string, unknown>;
  // `pnpm emulator -- --port 4010` passes the `--` through.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  try {
    values = parseArgs({
      args,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        region: { type: 'string' },
        'event-delay': { type: 'string' },
        record: { type: 'boolean' },
        'tokens-per-minute': { type: 'string' },
        'requests-per-minute': { type: 'string' },
        'allow-remote': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const parsed = schema.safeParse({
    port: values.port,
    host: values.host,
    region: values.region,
    eventDelay: values['event-delay'],
    record: values.record,
    tokensPerMinute: values['tokens-per-minute'],
    requestsPerMinute: values['requests-per-minute'],
    allowRemote: values['allow-remote'],
    help: values.help,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    throw new CliUsageError(`--${flag}: ${issue.message}`);
  }
  return parsed.data;
}

/** The env lines to paste into a shell (POSIX `export` form). */
export function envLines(env: Record<string, string>): string[] {
  return Object.entries(env).map(([name, value]) => `export ${name}=${value}`);
}
