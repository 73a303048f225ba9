import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { raw } from './helpers.js';

// The built entry point with --workers 2, as `pnpm start -- --workers 2` runs it, on the embedded emulator.
const mainJs = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(args: string[]) {
  const home = mkdtempSync(join(tmpdir(), 'outcrop-workers-'));
  dirs.push(home);
  const child = spawn(process.execPath, [mainJs, ...args], {
    env: { PATH: process.env.PATH, HOME: home, AWS_EC2_METADATA_DISABLED: 'true', LOG_LEVEL: 'warn' },
    cwd: home,
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  return { child, output: () => out };
}

/** Polls (bounded by the test timeout) until the output holds what we wait for or the process exits. */
async function waitForOutput(run: ReturnType<typeof start>, pattern: RegExp): Promise<RegExpMatchArray> {
  for (;;) {
    const match = run.output().match(pattern);
    if (match) return match;
    if (run.child.exitCode !== null) throw new Error(`exited ${run.child.exitCode} first:\n${run.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** The sum of a metric's samples whose labels include every given one. */
function sample(text: string, name: string, labels: string[] = []): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!(line.startsWith(`${name} `) || line.startsWith(`${name}{`))) continue;
    if (labels.every((label) => line.includes(label))) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

describe('outcrop-gateway --workers 2', () => {
  it('serves from both workers, answers /metrics for both, says which limits are per worker, and drains on SIGTERM', async () => {
    const run = start(['--workers', '2', '--port', '0']);
    await waitForOutput(run, /Workers: 2/);
    // The curl in the banner names the gateway's URL (the emulator's is printed too).
    const [, url] = run.output().match(/curl -N .*?(http:\/\/127\.0\.0\.1:\d+)\/v1/s) ?? [];
    expect(run.output()).toContain('PER WORKER');
    expect(run.output()).toContain('gateway.redis.url');
    // The banner is printed once, not once per worker.
    expect(run.output().match(/curl -N/g)).toHaveLength(1);

    // Fresh connections, so the primary hands them out in turn.
    const n = 10;
    for (let i = 0; i < n; i++) {
      const res = await raw(url!, { path: '/v1/models', headers: { connection: 'close' } });
      expect(res.status, res.body).toBe(200);
    }
    for (let i = 0; i < 2; i++) {
      const metrics = await raw(url!, { path: '/metrics', headers: { connection: 'close' } });
      expect(metrics.status).toBe(200);
      expect(sample(metrics.body, 'outcrop_gateway_processes')).toBe(2);
      expect(sample(metrics.body, 'outcrop_gateway_requests_total', ['route="models"', 'status="200"'])).toBe(
        n,
      );
    }

    // Each worker talks to its own emulator (a shared listen(0) handle once mixed them: keys were rejected).
    expect(run.output()).not.toMatch(/discovery failed|credentials were rejected/);

    run.child.kill('SIGTERM');
    expect(await exited(run.child)).toBe(0);
  });

  it('lets a stream in flight on a worker finish on SIGTERM, then exits 0', async () => {
    const run = start(['--workers', '2', '--port', '0']);
    await waitForOutput(run, /Workers: 2/);
    const [, url] = run.output().match(/curl -N .*?(http:\/\/127\.0\.0\.1:\d+)\/v1/s) ?? [];
    const models = JSON.parse((await raw(url!, { path: '/v1/models' })).body) as { data: { id: string }[] };
    const body = JSON.stringify({
      model: models.data[0]!.id,
      stream: true,
      messages: [
        {
          role: 'user',
          content: 'one two three four five six seven eight [[scenario:{"eventDelayMs":100}]]',
        },
      ],
    });
    let text = '';
    let status = 0;
    let sentSignal = false;
    const done = new Promise<void>((resolve, reject) => {
      const req = request(
        `${url}/v1/chat/completions`,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          status = res.statusCode ?? 0;
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
            // Once the stream is flowing, ask the primary to stop.
            if (!sentSignal && text.includes('data: {')) {
              sentSignal = true;
              run.child.kill('SIGTERM');
            }
          });
          res.on('end', () => resolve());
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    await done;
    expect({ status, sentSignal }, text).toEqual({ status: 200, sentSignal: true });
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
    expect(text).toContain('eight');
    expect(await exited(run.child)).toBe(0);
  });

  it('refuses a bad --workers with usage exit code 2', async () => {
    const run = start(['--workers', 'many']);
    expect(await exited(run.child)).toBe(2);
    expect(run.output()).toContain('--workers must be auto or a number');
  });
});
