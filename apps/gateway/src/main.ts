// `outcrop-gateway` / `pnpm start`: start the gateway, print the banner, drain on SIGTERM, reload on SIGHUP.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { describeConfigError, startGateway } from './gateway.js';
import { createLogger, HeldOutput, stdoutLogStream } from './logging.js';
import { runPrimary } from './workers/cluster-primary.js';
import { clusterMetrics, isWorker, reportListening, serveLocalMetrics } from './workers/worker-link.js';

// The SDK's notice about future Node versions is not actionable for someone starting the gateway.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `Usage: outcrop-gateway [--config FILE] [--host HOST] [--port PORT] [--emulator auto|always|never]
                      [--workers N|auto]

Serves Amazon Bedrock models over the OpenAI Chat Completions API. With no AWS credentials it serves the embedded
Bedrock emulator and says so. SIGTERM drains in-flight streams, SIGHUP reloads the config.
--workers N runs N processes on one port (default 1; in production, auto = one per core is recommended).`;

const MAX_WORKERS = 256;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags();
  } catch (err) {
    // An unknown or malformed flag is a usage error (exit 2), like a bad --port.
    process.stderr.write(`outcrop-gateway: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    process.stderr.write(`--port must be a number from 0 to 65535, not '${values.port}'.\n`);
    return 2;
  }
  const emulator = values.emulator ?? 'auto';
  if (emulator !== 'auto' && emulator !== 'always' && emulator !== 'never') {
    process.stderr.write(`--emulator must be auto, always or never, not '${emulator}'.\n`);
    return 2;
  }

  const workers = values.workers === 'auto' ? availableParallelism() : Number(values.workers ?? 1);
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) {
    process.stderr.write(
      `--workers must be auto or a number from 1 to ${MAX_WORKERS}, not '${values.workers}'.\n`,
    );
    return 2;
  }
  if (workers > 1 && !isWorker()) {
    return runPrimary({ workers, print: (text) => process.stdout.write(`${text}\n`) });
  }

  // Start-up log lines wait for the banner, so it is never split by them (stdout: banner, then logs).
  const output = new HeldOutput(stdoutLogStream());
  const log = createLogger({ destination: output });
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    gateway = await startGateway({
      ...(values.config !== undefined ? { configPath: values.config } : {}),
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(port !== undefined ? { port } : {}),
      emulator,
      logger: log,
      ...(isWorker() ? { metricsView: (local: () => string) => clusterMetrics(local) } : {}),
    });
  } catch (err) {
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    const detail = inUse
      ? `${(err as Error).message}: another process has this port. Pass --port <n> (0 for any free port) or set gateway.port.`
      : describeConfigError(err);
    const hint = (err as { hint?: unknown }).hint;
    const hintLine = typeof hint === 'string' && hint ? `\nHint: ${hint}` : '';
    output.release();
    process.stderr.write(`outcrop-gateway: cannot start.\n${detail}${hintLine}\n`);
    log.flush?.();
    return 1;
  }
  if (isWorker()) {
    // The primary prints the banner once for all workers.
    serveLocalMetrics(() => gateway.metricsText());
    reportListening({ url: gateway.url, banner: gateway.banner, sharedState: gateway.sharedState });
  } else process.stdout.write(`\n${gateway.banner}\n`);
  output.release();

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal, inFlight: gateway.inFlight }, 'draining');
      gateway.close().then(
        () => resolve(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    // A worker whose primary is gone drains and exits rather than serving unsupervised.
    if (isWorker()) process.on('disconnect', () => stop('primary disconnected'));
    process.on('SIGHUP', () => {
      void gateway.reload();
    });
  });
}

function parseFlags() {
  return parseArgs({
    options: {
      config: { type: 'string', short: 'c' },
      host: { type: 'string' },
      port: { type: 'string', short: 'p' },
      emulator: { type: 'string' },
      workers: { type: 'string', short: 'w' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
}

main().then(
  (code) => {
    // Exit now rather than when idle HTTP/2 sessions time out; stdout logs are written synchronously.
    process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`outcrop-gateway: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
