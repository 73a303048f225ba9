// Runs the BUILT CLI (`node dist/main.js`) as a subprocess, the way a user runs `outcrop`, with a clean
// environment: a fresh HOME, no AWS variables but the ones a test passes, no colour.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function tempHome(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'outcrop-cli-home-'));
}

/** A minimal environment: PATH, a fresh HOME, no AWS_* from the developer's shell, no colour. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    ...extra,
  };
}

export interface RunOptions {
  env: Record<string, string>;
  input?: string;
  cwd?: string;
  /** Leave stdin open and silent, like a parent process that never closes it. */
  keepStdinOpen?: boolean;
  /** Called once the process is running (e.g. to send SIGINT when output appears). */
  onSpawn?: (child: ChildProcess) => void;
  /** Safety net: kill after this long (never an assertion). */
  killAfterMs?: number;
}

export function runCli(args: string[], options: RunOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], {
      env: options.env,
      cwd: options.cwd ?? options.env.HOME,
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
    const guard = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 45_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      child.stdin.destroy();
      resolve({ code, signal, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else if (!options.keepStdinOpen) child.stdin.end();
    options.onSpawn?.(child);
  });
}

/** Parses stdout as JSON, with the output in the error when it is not. */
export function parseJson<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
}

/** `outcrop gateway` as a child process, once its banner has said where it listens. */
export interface GatewayChild {
  child: ChildProcess;
  url: string;
  /** Resolves with the exit code once the process has closed. */
  exited: Promise<number | null>;
  /** Everything it printed to stdout so far. */
  stdout(): string;
}

export async function startGatewayCli(env: Record<string, string>): Promise<GatewayChild> {
  const child = spawn(process.execPath, [CLI_MAIN, 'gateway', '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let stdout = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on('close', () => reject(new Error(`gateway exited early:\n${stdout}`)));
  });
  return { child, url, exited, stdout: () => stdout };
}
