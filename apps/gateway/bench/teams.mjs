// Teams benchmark (`node bench/teams.mjs` after a build, or figure 6 of `pnpm bench`; OUTCROP_BENCH_PG_URL adds
// PostgreSQL; --quick for reduced sizes; --budget-only skips part 2). Writes bench-results/teams.json.
// 1. The budget check with 10,000 keys: the whole admission hook (rate limit, atomic budget hold, write-ahead
//    row), p50/p99 in microseconds.
// 2. Time to first token and CPU per streamed token at concurrency 1 through the gateway: teams off, a static
//    token (ledger only) and a budgeted virtual key, one request of each in turn so all three share the
//    machine's moments. Everything is in this process on 127.0.0.1; loops are bounded.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@outcrop/bedrock-emulator';
import { parseConfig } from '@outcrop/config-schema';
import { pino } from 'pino';
import { startGateway } from '../dist/index.js';
import { TeamsRuntime } from '../dist/teams/teams-runtime.js';

const quick = process.argv.includes('--quick');
const KEYS = quick ? 1_000 : 10_000;
const CHECKS = quick ? 1_000 : 5_000;
/** Requests per configuration, interleaved: teams off, static token, budgeted key, teams off, ... */
const REQUESTS = quick ? 40 : 450;
const log = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'outcrop-teams-bench-'));
const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function budgetCheck(label, database) {
  const config = parseConfig(JSON.stringify({ gateway: { database } }));
  const runtime = await TeamsRuntime.open({ config, env: {}, homeDir: dir, log, region: 'us-east-1' });
  const t0 = performance.now();
  const keys = [];
  for (let i = 0; i < KEYS; i++) {
    const { view } = await runtime.store.createKey({
      name: `k${i}`,
      budgets: ['1000usd/month'],
      rpm: 1_000_000,
      tags: { team: `t${i % 50}` },
    });
    keys.push(view.id);
  }
  await runtime.directory.refresh();
  const setupS = (performance.now() - t0) / 1000;
  const model = 'amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const call = {
    messages: [{ role: 'user', content: [{ type: 'text', text: 'a short question about rocks' }] }],
    maxTokens: 256,
  };
  const times = [];
  for (let i = 0; i < CHECKS; i++) {
    const id = keys[(i * 7919) % KEYS];
    const record = await runtime.store.keys.findById(id);
    const usage = runtime.track({ key: `key:${id}`, virtualKey: record }, randomUUID());
    const start = process.hrtime.bigint();
    await usage.admit({ requested: 'sonnet', model, call });
    times.push(Number(process.hrtime.bigint() - start) / 1000);
    usage.end(200);
    if (i % 500 === 499) await runtime.ledger.flush();
  }
  await runtime.close();
  return {
    label,
    keys: KEYS,
    setupS: +setupS.toFixed(1),
    p50Us: +pct(times, 50).toFixed(1),
    p99Us: +pct(times, 99).toFixed(1),
  };
}

function stream(url, token, body) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let ttft;
    let text = '';
    const req = request(
      `${url}/v1/chat/completions`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          ttft ??= performance.now() - start;
          text += chunk;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}: ${text}`));
          const usage = /"completion_tokens":(\d+)/.exec(text);
          resolve({ ttft, tokens: usage ? Number(usage[1]) : 0 });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function gatewayOverhead() {
  const emulator = await startEmulator();
  const words = 'granite basalt shale slate quartz feldspar mica gneiss schist marble'.split(' ');
  const prompt = Array.from({ length: 160 }, (_, i) => words[i % words.length]).join(' ');
  const configPath = join(dir, 'outcrop.json5');
  const STATIC = 'bench-static-token';
  writeFileSync(
    configPath,
    JSON.stringify({ gateway: { auth: { tokens: [STATIC] }, database: { path: join(dir, 'gw.db') } } }),
  );
  const common = {
    configPath,
    host: '127.0.0.1',
    port: 0,
    env: { ...emulator.env() },
    homeDir: dir,
    emulator: 'never',
    logger: log,
    watchConfig: false,
  };
  const off = await startGateway({ ...common, teams: false });
  const on = await startGateway(common);
  const store = await (await import('../dist/teams/index.js')).openTeamsStore({
    config: parseConfig(JSON.stringify({ gateway: { database: { path: join(dir, 'gw.db') } } })),
  });
  const { key } = await store.createKey({
    name: 'bench',
    budgets: ['100000usd/month', '1000000000tokens/day'],
    rpm: 1_000_000,
    tpm: 1_000_000_000,
    tags: { team: 'bench' },
  });
  await store.close();
  const models = await (
    await fetch(`${on.url}/v1/models`, { headers: { authorization: `Bearer ${STATIC}` } })
  ).json();
  const model = models.data.find((m) => m.id.includes('claude')).id;
  const body = JSON.stringify({
    model,
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: 1024,
    messages: [{ role: 'user', content: prompt }],
  });
  const configs = [
    ['teams off (no database)', off.url, STATIC],
    ['static token (ledger row only)', on.url, STATIC],
    ['budgeted virtual key', on.url, key],
  ];
  const results = new Map(configs.map(([label]) => [label, { ttfts: [], cpuUs: 0, tokens: 0 }]));
  for (const [, url, token] of configs) for (let i = 0; i < 20; i++) await stream(url, token, body); // warm up
  for (let i = 0; i < REQUESTS; i++) {
    for (const [label, url, token] of configs) {
      const r = results.get(label);
      const cpu = process.cpuUsage();
      const { ttft, tokens } = await stream(url, token, body);
      const used = process.cpuUsage(cpu);
      r.ttfts.push(ttft);
      r.tokens += tokens;
      r.cpuUs += used.user + used.system;
    }
  }
  await off.close({ drainTimeoutMs: 0 });
  await on.close({ drainTimeoutMs: 0 });
  await emulator.stop();
  const base = results.get(configs[0][0]);
  const baseCpu = base.cpuUs / base.tokens;
  const baseP50 = pct(base.ttfts, 50);
  return [...results].map(([label, r]) => ({
    label,
    requests: r.ttfts.length,
    tokensPerRequest: Math.round(r.tokens / r.ttfts.length),
    ttftP50Ms: +pct(r.ttfts, 50).toFixed(3),
    addedTtftP50Ms: +(pct(r.ttfts, 50) - baseP50).toFixed(3),
    cpuUsPerToken: +(r.cpuUs / r.tokens).toFixed(2),
    addedCpuPct: +((r.cpuUs / r.tokens / baseCpu - 1) * 100).toFixed(1),
  }));
}

const report = {
  quick,
  keys: KEYS,
  checks: CHECKS,
  requests: REQUESTS,
  budgetChecks: [],
  gateway: undefined,
};

try {
  const checks = [await budgetCheck('sqlite', { path: join(dir, 'bench.db') })];
  if (process.env.OUTCROP_BENCH_PG_URL)
    checks.push(await budgetCheck('postgres', { url: process.env.OUTCROP_BENCH_PG_URL }));
  report.budgetChecks = checks;
  console.log(`budget check (admission hook) with ${KEYS.toLocaleString('en-US')} keys:`);
  console.table(checks);
  if (!process.argv.includes('--budget-only')) {
    report.gateway = await gatewayOverhead();
    console.log('gateway at concurrency 1 (client, gateway and emulator share this process):');
    console.table(report.gateway);
  }
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'teams.json'), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
