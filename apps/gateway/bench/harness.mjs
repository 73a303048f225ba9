// What the gateway benchmarks (run.mjs, dialects.mjs, workers.mjs) share, so they measure alike: child processes
// started, read and stopped together; the same prompt and config files; the emulator in its own process; the
// gateway from dist/; the same client warm-up; and the same statistics. Every process is local (127.0.0.1).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
const mainJs = join(here, '..', 'dist', 'main.js');

/**
 * The command line the gateway benches read alike: `--quick` (reduced sizes, 2 rounds instead of 5) and, for a
 * bench that takes it, `--requests=N` (an integer from 2 to 5000; undefined when not given).
 */
export function benchArgs(argv = process.argv.slice(2)) {
  const quick = argv.includes('--quick');
  const countArg = argv.find((arg) => arg.startsWith('--requests='));
  const requests = countArg === undefined ? undefined : Number(countArg.slice('--requests='.length));
  if (requests !== undefined && (!Number.isInteger(requests) || requests < 2 || requests > 5000)) {
    throw new Error(`--requests must be an integer from 2 to 5000, got ${countArg}`);
  }
  return { quick, rounds: quick ? 2 : 5, requests };
}

/** A temporary folder holding a 160-word prompt and a config with the per-caller concurrency limit lifted. */
export function benchDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const words = 'granite basalt shale slate quartz feldspar mica gneiss schist marble'.split(' ');
  const prompt = Array.from({ length: 160 }, (_, i) => words[i % words.length]).join(' ');
  const promptFile = join(dir, 'prompt.txt');
  const configFile = join(dir, 'outcrop.json5');
  writeFileSync(promptFile, prompt);
  writeFileSync(
    configFile,
    JSON.stringify({ gateway: { limits: { maxConcurrentPerToken: 4096, drainTimeoutMs: 0 } } }),
  );
  return { dir, prompt, promptFile, configFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Children started through one place, so the bench's `finally` can end every one still running. */
export function createChildren() {
  const children = new Set();
  function start(args, env = {}, command = process.execPath, cwd = undefined) {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
      ...(cwd ? { cwd } : {}),
    });
    children.add(child);
    child.on('exit', () => children.delete(child));
    return child;
  }
  /** Runs a child to its end; its result is the JSON of its last stdout line. */
  async function run(args, env) {
    const child = start(args, env);
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`${args[0]} exited ${code}`);
    return JSON.parse(out.trim().split('\n').at(-1));
  }
  const stopAll = () => {
    for (const child of children) child.kill('SIGTERM');
  };
  return { start, run, stopAll };
}

/** The first stdout line for which `test` returns something; the rest of stdout is drained. */
export function firstLine(child, test) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const hit = test(line);
        if (hit !== undefined) {
          child.stdout.off('data', onData);
          child.stdout.resume();
          resolve(hit);
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
}

/** The emulator in its own process (emulator-child.mjs), and the environment that points clients at it. */
export async function startEmulatorChild(start) {
  const child = start([join(here, 'emulator-child.mjs')]);
  const emulator = await firstLine(child, (line) => (line.startsWith('{') ? JSON.parse(line) : undefined));
  const env = {
    ...emulator.env,
    LOG_LEVEL: 'warn',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return { emulator, env };
}

/**
 * The built gateway (dist/main.js) on an ephemeral port, never its embedded emulator. Its URL comes from the
 * banner, which a multi-worker gateway prints once every worker listens.
 */
export async function startGatewayChild(start, env, configFile, extraArgs = []) {
  const child = start(
    [mainJs, '--port', '0', '--emulator', 'never', ...extraArgs, '--config', configFile],
    env,
  );
  const url = await firstLine(child, (line) => /listening on (http:\/\/\S+)/.exec(line)?.[1]);
  return { child, url };
}

/** The model the benches call: Claude Haiku 4.5 when the catalog has it. */
export async function benchModel(url) {
  const models = JSON.parse(await (await fetch(`${url}/v1/models`)).text()).data.map((m) => m.id);
  return models.find((id) => id.includes('claude-haiku-4-5')) ?? models[0];
}

/** Requests each client sends before measuring: sockets opened and the JIT warm on every side alike. */
export const warmupFor = (concurrency) => Math.max(20, concurrency);

/** Nearest-rank percentile. */
export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
export const median = (values) => percentile(values, 50);
export const spread = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
});
