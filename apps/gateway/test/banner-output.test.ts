import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';

// What `pnpm start` prints on a machine with no AWS credentials: the banner whole, then the log lines, and
// nothing from the AWS SDK about Node versions (the README says it once instead).
const mainJs = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
let child: ChildProcess | undefined;
let home: string | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  if (home) rmSync(home, { recursive: true, force: true });
});

it('prints the banner before any log line, then the held start-up logs as JSON lines', async () => {
  home = mkdtempSync(join(tmpdir(), 'outcrop-banner-'));
  child = spawn(process.execPath, [mainJs, '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: home, AWS_EC2_METADATA_DISABLED: 'true', LOG_LEVEL: 'info' },
    cwd: home,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child?.on('exit', resolve));
  // The last start-up log line; bounded by the test's safety timeout.
  while (!stdout.includes('"msg":"gateway listening"')) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGTERM');
  expect(await exited).toBe(0);

  const lines = stdout.split('\n');
  const bannerStart = lines.findIndex((line) => line.startsWith('Outcrop gateway listening on '));
  const firstLog = lines.findIndex((line) => line.startsWith('{'));
  expect(bannerStart).toBeGreaterThan(-1);
  expect(lines.slice(0, bannerStart).every((line) => line === '')).toBe(true);
  expect(firstLog).toBeGreaterThan(bannerStart);
  const logs = lines.slice(firstLog).filter((line) => line !== '');
  for (const line of logs) expect(() => JSON.parse(line), line).not.toThrow();
  // Logged before the banner was written, printed after it.
  expect(logs.map((line) => JSON.parse(line).msg)).toEqual(
    expect.arrayContaining([
      'no AWS credentials found: serving the embedded Bedrock emulator',
      'gateway listening',
    ]),
  );
  expect(`${stdout}${stderr}`).not.toContain('NodeVersionSupportWarning');
});
