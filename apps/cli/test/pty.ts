// Runs the built CLI in a pseudo-terminal through python3's pty module (no native Node modules), playing a
// script of "wait for this output, then type that".
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CLI_MAIN } from './cli.js';

const helper = fileURLToPath(new URL('./fixtures/pty-session.py', import.meta.url));

/** python3 runs the pseudo-terminal; every Debian/Ubuntu image and macOS has it. */
export const hasPython3 = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

export interface PtyStep {
  expect: string;
  send: string;
}

export function runInPty(
  args: string[],
  env: Record<string, string>,
  steps: PtyStep[],
): Promise<{ code: number | null; output: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [helper, JSON.stringify(steps), process.execPath, CLI_MAIN, ...args], {
      env,
      cwd: env.HOME,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, stderr }));
  });
}

/** Terminal output without colour and cursor control sequences. */
export function plainText(output: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal escape sequences
  return output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}
