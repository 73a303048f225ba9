// Runs `node <args>` as a child, collecting its output; a safety timer kills it (never an assertion).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export interface NodeRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

export interface NodeRunOptions {
  env: Record<string, string>;
  cwd?: string;
  input?: string;
  killAfterMs?: number;
  /** Called once the child runs (e.g. to send SIGINT when output appears). */
  onSpawn?: (child: ChildProcessWithoutNullStreams) => void;
}

export function runNode(args: string[], options: NodeRunOptions): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, {
      env: options.env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, wallMs: performance.now() - start });
    });
    child.stdin.end(options.input ?? '');
    options.onSpawn?.(child);
  });
}
