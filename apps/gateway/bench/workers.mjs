// Workers benchmark: tokens/s and time to first token (p50, p99) through the gateway with --workers 1 and 2, at
// concurrency 1 and 64, against one emulator in its own process. Bounded in requests; prints a table, writes JSON.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const mainJs = join(here, '..', 'dist', 'main.js');
const LEVELS = [
  [1, 40],
  [64, 384],
];
const WORKERS = [1, 2];

const dir = mkdtempSync(join(tmpdir(), 'outcrop-workers-bench-'));
const words = 'granite basalt shale slate quartz feldspar mica gneiss schist marble'.split(' ');
writeFileSync(
  join(dir, 'prompt.txt'),
  Array.from({ length: 160 }, (_, i) => words[i % words.length]).join(' '),
);
writeFileSync(
  join(dir, 'outcrop.json5'),
  JSON.stringify({ gateway: { limits: { maxConcurrentPerToken: 4096, drainTimeoutMs: 0 } } }),
);

const children = new Set();
function start(args, env = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function firstMatch(child, test) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk) => {
      buffer += chunk.toString('utf8');
      const hit = test(buffer);
      if (hit !== undefined) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(hit);
      }
    };
    child.stdout.on('data', onData);
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
}

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

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

try {
  const emulatorChild = start([join(here, 'emulator-child.mjs')]);
  const emulator = await firstMatch(emulatorChild, (text) => {
    const line = text.split('\n').find((l) => l.startsWith('{') && l.endsWith('}'));
    return line ? JSON.parse(line) : undefined;
  });
  const env = {
    ...emulator.env,
    LOG_LEVEL: 'warn',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const results = [];
  for (const workers of WORKERS) {
    const gateway = start(
      [
        mainJs,
        '--port',
        '0',
        '--emulator',
        'never',
        '--workers',
        String(workers),
        '--config',
        join(dir, 'outcrop.json5'),
      ],
      env,
    );
    const url = await firstMatch(
      gateway,
      (text) => /curl -N .*?(http:\/\/127\.0\.0\.1:\d+)\/v1/s.exec(text)?.[1],
    );
    if (workers > 1) await firstMatch(gateway, (text) => (text.includes('Workers:') ? true : undefined));
    const models = JSON.parse(await (await fetch(`${url}/v1/models`)).text()).data.map((m) => m.id);
    const ref = models.find((id) => id.includes('claude-haiku-4-5')) ?? models[0];
    for (const [concurrency, requests] of LEVELS) {
      const r = await run(
        [join(here, 'gateway-client-child.mjs'), url, concurrency, requests, ref, join(dir, 'prompt.txt')],
        env,
      );
      const row = {
        workers,
        concurrency,
        requests,
        tokensPerSecond: r.tokens / (r.wallMs / 1000),
        ttftP50Ms: percentile(r.ttfts, 50),
        ttftP99Ms: percentile(r.ttfts, 99),
      };
      results.push(row);
      console.log(
        `workers=${workers} c=${concurrency}: ${row.tokensPerSecond.toFixed(0)} tokens/s, TTFT p50 ` +
          `${row.ttftP50Ms.toFixed(1)} ms, p99 ${row.ttftP99Ms.toFixed(1)} ms (${requests} requests)`,
      );
    }
    gateway.kill('SIGTERM');
    await new Promise((resolve) => gateway.on('exit', resolve));
  }
  const outDir = join(here, '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const report = { at: new Date().toISOString(), node: process.version, results };
  writeFileSync(join(outDir, 'gateway-workers.json'), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
