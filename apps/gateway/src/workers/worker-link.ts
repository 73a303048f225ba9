import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';

/** Messages between the primary and its workers (one process tree: both ends are this code). */
export type WorkerMessage =
  | { type: 'outcrop:listening'; url: string; banner: string; sharedState: 'memory' | 'redis' }
  | { type: 'outcrop:metrics'; id: string }
  | { type: 'outcrop:metrics-merged'; id: string; text: string };
export type PrimaryMessage =
  | { type: 'outcrop:collect-metrics'; id: string }
  | { type: 'outcrop:metrics-merged'; id: string; text: string };

export const isWorker = (): boolean => cluster.isWorker;

const isMessage = (m: unknown): m is { type: string; id?: string; text?: string } =>
  typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';

function send(message: WorkerMessage): void {
  process.send?.(message);
}

/** Tells the primary this worker serves (the first one's banner is printed, once). */
export function reportListening(
  info: Omit<Extract<WorkerMessage, { type: 'outcrop:listening' }>, 'type'>,
): void {
  send({ type: 'outcrop:listening', ...info });
}

/** Answers the primary's requests for this worker's own metrics. */
export function serveLocalMetrics(local: () => string): void {
  process.on('message', (message: unknown) => {
    if (isMessage(message) && message.type === 'outcrop:collect-metrics' && message.id !== undefined) {
      send({ type: 'outcrop:metrics-merged', id: message.id, text: local() });
    }
  });
}

/** Every worker's metrics, merged by the primary; this worker's own if the primary does not answer in time. */
export function clusterMetrics(local: () => string, timeoutMs = 5_000): Promise<string> {
  const id = randomUUID();
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (isMessage(message) && message.type === 'outcrop:metrics-merged' && message.id === id) {
        finish(message.text ?? local());
      }
    };
    const timer = setTimeout(() => finish(local()), timeoutMs);
    const finish = (text: string) => {
      clearTimeout(timer);
      process.off('message', onMessage);
      resolve(text);
    };
    process.on('message', onMessage);
    send({ type: 'outcrop:metrics', id });
  });
}
