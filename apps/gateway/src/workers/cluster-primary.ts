import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { mergeMetrics } from './merge-metrics.js';
import type { WorkerMessage } from './worker-link.js';

export interface PrimaryOptions {
  workers: number;
  /** Lines for the operator (the banner, the per-worker warning). */
  print(text: string): void;
  /** How long to wait for each worker's metrics when merging. */
  metricsTimeoutMs?: number;
}

const isMessage = (m: unknown): m is WorkerMessage =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';

/**
 * Runs `workers` copies of this entry point on `node:cluster` (they share the listening port). The first worker
 * starts alone, so a bad config fails once with one message; SIGTERM/SIGINT drain every worker, SIGHUP reloads
 * every worker, and `/metrics` on any worker answers for all of them. Resolves with the exit code.
 */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let started = false;
    let worstExit = 0;
    const live = new Set<Worker>();

    const fork = (): Promise<Extract<WorkerMessage, { type: 'outcrop:listening' }> | number> =>
      new Promise((settle) => {
        const worker = cluster.fork();
        live.add(worker);
        worker.on('message', (message: unknown) => {
          if (!isMessage(message)) return;
          if (message.type === 'outcrop:listening') settle(message);
          else if (message.type === 'outcrop:metrics') void answerMetrics(worker, message.id);
        });
        worker.on('exit', (code, signal) => {
          live.delete(worker);
          const exit = code ?? (signal ? 1 : 0);
          settle(exit);
          if (exit !== 0) worstExit = exit;
          if (stopping) {
            if (live.size === 0) resolve(worstExit);
          } else if (started) {
            // A worker that died on its own is replaced; the others keep serving meanwhile.
            options.print(
              `outcrop-gateway: worker ${worker.process.pid} exited (${signal ?? code}); starting another.`,
            );
            void fork();
          }
        });
      });

    const answerMetrics = async (asker: Worker, id: string) => {
      const texts = await Promise.all([...live].map((w) => collect(w, options.metricsTimeoutMs ?? 3_000)));
      const merged = mergeMetrics(texts.filter((t): t is string => t !== undefined));
      if (asker.isConnected()) asker.send({ type: 'outcrop:metrics-merged', id, text: merged });
    };

    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      if (live.size === 0) resolve(worstExit);
      for (const worker of live) worker.process.kill(signal);
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGTERM'));
    process.on('SIGHUP', () => {
      for (const worker of live) worker.process.kill('SIGHUP');
    });

    void (async () => {
      const first = await fork();
      if (typeof first === 'number') {
        stopping = true;
        resolve(first === 0 ? 1 : first);
        return;
      }
      const rest = await Promise.all(Array.from({ length: options.workers - 1 }, () => fork()));
      started = true;
      const failed = rest.find((r) => typeof r === 'number');
      if (failed !== undefined) {
        options.print(`outcrop-gateway: a worker failed to start (exit ${failed}); stopping.`);
        stop('SIGTERM');
        return;
      }
      if (stopping) return;
      options.print(`\n${first.banner}\n`);
      options.print(workersLine(options.workers, first.sharedState));
    })();
  });
}

function collect(worker: Worker, timeoutMs: number): Promise<string | undefined> {
  const id = randomUUID();
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (isMessage(message) && message.type === 'outcrop:metrics-merged' && message.id === id)
        finish(message.text);
    };
    const finish = (text: string | undefined) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      resolve(text);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    worker.on('message', onMessage);
    if (worker.isConnected()) worker.send({ type: 'outcrop:collect-metrics', id });
    else finish(undefined);
  });
}

/** Says plainly what is shared between workers and what each keeps to itself. */
export function workersLine(workers: number, sharedState: 'memory' | 'redis'): string {
  if (sharedState === 'redis') {
    return `Workers: ${workers}, sharing limits, signed reasoning and routing quotas through Redis (gateway.redis.url).`;
  }
  return [
    `Workers: ${workers}. Without gateway.redis.url these are PER WORKER, not per gateway:`,
    `  gateway.limits.maxConcurrentPerToken and requestsPerMinutePerToken (a token may get ${workers}x each),`,
    '  the signed reasoning of tool calls (a replay that lands on another worker loses it),',
    "  and routed models' quota headroom, rests and cache pins (models.routes: each worker knows only its own calls).",
    '  Set gateway.redis.url to share them.',
  ].join('\n');
}
