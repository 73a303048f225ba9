// Sizes the default per-caller concurrency limit: starts the gateway as a plain `pnpm start` would (no config, no
// AWS credentials, so the embedded emulator; every caller anonymous) and sends waves of concurrent streaming chat
// completions at each level, counting statuses and time to first byte, and sampling the gateway's RSS.
// Bounded: `levels x clients x 3` requests in all, each with a 60 s safety timeout. Not a test: it asserts nothing.
// Usage: node bench/concurrency-probe.mjs [levels=16,32,64,128,256] [--config FILE]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const configAt = args.indexOf('--config');
const config = configAt === -1 ? undefined : args[configAt + 1];
const levels = (args.find((a) => /^\d+(,\d+)*$/.test(a)) ?? '16,32,64,128,256').split(',').map(Number);
const PER_CLIENT = 3;
const home = mkdtempSync(join(tmpdir(), 'outcrop-concurrency-probe-'));
const words = 'granite basalt shale slate quartz feldspar mica gneiss schist marble'.split(' ');
const prompt = Array.from({ length: 160 }, (_, i) => words[i % words.length]).join(' ');

const gateway = spawn(
  process.execPath,
  [join(here, '..', 'dist', 'main.js'), '--port', '0', ...(config ? ['--config', config] : [])],
  {
    cwd: home,
    env: { PATH: process.env.PATH, HOME: home, LOG_LEVEL: 'warn', AWS_EC2_METADATA_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise((resolve, reject) => {
  let out = '';
  gateway.stdout.on('data', (chunk) => {
    out += chunk;
    const hit = /listening on (http:\/\/\S+)/.exec(out);
    if (hit) resolve(hit[1]);
  });
  gateway.on('exit', (code) => reject(new Error(`gateway exited (${code})`)));
});
const models = JSON.parse(await (await fetch(`${url}/v1/models`)).text()).data.map((m) => m.id);
const model = models.find((id) => id.includes('claude-haiku-4-5')) ?? models[0];
const body = JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: prompt }] });

function rssMb() {
  const status = readFileSync(`/proc/${gateway.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

function one(agent) {
  return new Promise((resolve) => {
    const started = performance.now();
    let ttfb;
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.on('data', () => {
          ttfb ??= performance.now() - started;
        });
        res.on('end', () => resolve({ status: res.statusCode, ttfb }));
        res.on('error', () => resolve({ status: 'reset', ttfb }));
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('probe safety timeout')));
    req.on('error', () => resolve({ status: 'error', ttfb }));
    req.end(body);
  });
}

const percentile = (values, p) => {
  const sorted = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};

const rows = [];
try {
  for (const clients of levels) {
    const agent = new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
    const results = [];
    let peak = rssMb();
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb());
    }, 100);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < PER_CLIENT; i++) results.push(await one(agent));
      }),
    );
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    agent.destroy();
    const statuses = {};
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const ok = results.filter((r) => r.status === 200);
    const ttfbs = ok.map((r) => r.ttfb);
    rows.push({
      clients,
      requests: results.length,
      statuses,
      ttfbP50Ms: Math.round(percentile(ttfbs, 50)),
      ttfbP99Ms: Math.round(percentile(ttfbs, 99)),
      streamsPerSecond: Math.round((ok.length / wallMs) * 1000),
      rssPeakMb: Math.round(peak),
    });
    console.log(JSON.stringify(rows.at(-1)));
  }
} finally {
  gateway.kill('SIGTERM');
  await new Promise((resolve) => gateway.on('exit', resolve));
  rmSync(home, { recursive: true, force: true });
}
