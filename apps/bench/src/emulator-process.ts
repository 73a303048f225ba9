// The parent side of emulator-child: start it, queue scripted responses, stop it.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface EmulatorProcess {
  url: string;
  region: string;
  env: Record<string, string>;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Queues `count` responses of a named script; resolves once the emulator has them. */
  queue(script: 'text20k' | 'tool1mb', count: number): Promise<void>;
  stop(): Promise<void>;
}

interface Ready {
  url: string;
  region: string;
  env: Record<string, string>;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export function startEmulatorProcess(): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./emulator-child.js', import.meta.url)), {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator child exited (${code}) before it was ready`)));
    child.once('message', (message: { ready?: Ready }) => {
      if (!message.ready) return;
      resolve({
        ...message.ready,
        queue: (script, count) =>
          new Promise((done) => {
            child.once('message', () => done());
            child.send({ push: { script, count } });
          }),
        stop: async () => {
          if (child.exitCode === null && child.connected) child.send({ stop: true });
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
