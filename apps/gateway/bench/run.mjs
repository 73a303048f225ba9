// Gateway benchmark: added time to first token and CPU per streamed token, gateway vs the AWS SDK calling the
// emulator directly, at concurrency 1, 64 and 512; then gateway RSS while 1000 slow streams are open.
// Every process is local (127.0.0.1) and every run is bounded in count. Prints a table and writes JSON.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const mainJs = join(here, '..', 'dist', 'main.js');
const quick = process.argv.includes('--quick');
// --dialects: concurrency 1 only, one row per front door (chat, messages, responses) against the same direct SDK.
const dialectMode = process.argv.includes('--dialects');
const LEVELS = quick
  ? [
      [1, 20],
      [64, 128],
    ]
  : [
      [1, 200],
      [64, 1280],
      [512, 2048],
    ];
const SLOW_STREAMS = quick ? 100 : 1000;
const TICKS = 100; // Linux USER_HZ
const ROUNDS = 3;

const dir = mkdtempSync(join(tmpdir(), 'outcrop-gateway-bench-'));
const words = 'granite basalt shale slate quartz feldspar mica gneiss schist marble'.split(' ');
const prompt = Array.from({ length: 160 }, (_, i) => words[i % words.length]).join(' ');
writeFileSync(join(dir, 'prompt.txt'), prompt);
writeFileSync(
  join(dir, 'slow.txt'),
  `${prompt.split(' ').slice(0, 60).join(' ')} [[scenario:{"eventDelayMs":150}]]`,
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

function firstLine(child, test) {
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

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

try {
  const emulatorChild = start([join(here, 'emulator-child.mjs')]);
  const emulator = await firstLine(emulatorChild, (line) =>
    line.startsWith('{') ? JSON.parse(line) : undefined,
  );
  const env = {
    ...emulator.env,
    LOG_LEVEL: 'warn',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const gatewayChild = start(
    [mainJs, '--port', '0', '--emulator', 'never', '--config', join(dir, 'outcrop.json5')],
    env,
  );
  const url = await firstLine(gatewayChild, (line) => /listening on (http:\/\/\S+)/.exec(line)?.[1]);
  const models = JSON.parse(await (await fetch(`${url}/v1/models`)).text()).data.map((m) => m.id);
  const ref = models.find((id) => id.includes('claude-haiku-4-5')) ?? models[0];
  const modelId = ref.replace(/^amazon-bedrock\//, '');

  if (dialectMode) {
    const requests = quick ? 30 : 200;
    const rows = [];
    for (const dialect of ['chat', 'messages', 'responses']) {
      const direct = { ttfts: [], tokens: 0, cpuMicros: 0 };
      const gateway = { ttfts: [], tokens: 0, cpuMicros: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        const perRound = Math.ceil(requests / ROUNDS);
        const d = await run(
          [join(here, 'direct-child.mjs'), 1, perRound, modelId, join(dir, 'prompt.txt')],
          env,
        );
        direct.ttfts.push(...d.ttfts);
        direct.tokens += d.tokens;
        direct.cpuMicros += d.cpuMicros;
        const before = cpuTicks(gatewayChild.pid);
        const g = await run(
          [join(here, 'gateway-client-child.mjs'), url, 1, perRound, ref, join(dir, 'prompt.txt'), dialect],
          env,
        );
        gateway.cpuMicros += ((cpuTicks(gatewayChild.pid) - before) / TICKS) * 1e6;
        gateway.ttfts.push(...g.ttfts);
        gateway.tokens += g.tokens;
      }
      rows.push({
        dialect,
        requests,
        addedTtftP50Ms: percentile(gateway.ttfts, 50) - percentile(direct.ttfts, 50),
        gatewayCpuPerTokenUs: gateway.cpuMicros / gateway.tokens,
      });
    }
    const chat = rows[0].gatewayCpuPerTokenUs;
    for (const row of rows) {
      row.cpuVsChat = row.gatewayCpuPerTokenUs / chat;
      console.log(
        `${row.dialect}: added TTFT p50 at c=1 ${row.addedTtftP50Ms.toFixed(2)} ms (<= 2); gateway CPU/token ` +
          `${row.gatewayCpuPerTokenUs.toFixed(1)} µs, ${row.cpuVsChat.toFixed(2)}x chat (<= 1.2)`,
      );
    }
    const outDir = join(here, '..', '..', '..', 'bench-results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(
      join(outDir, 'gateway-dialects.json'),
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`,
    );
  } else {
    const results = [];
    for (const [concurrency, requests] of LEVELS) {
      // Alternate the two sides in rounds so a change in machine load hits both alike.
      const direct = { ttfts: [], tokens: 0, cpuMicros: 0 };
      const gateway = { ttfts: [], tokens: 0 };
      let gatewayCpuMicros = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const perRound = Math.ceil(requests / ROUNDS);
        const d = await run(
          [join(here, 'direct-child.mjs'), concurrency, perRound, modelId, join(dir, 'prompt.txt')],
          env,
        );
        direct.ttfts.push(...d.ttfts);
        direct.tokens += d.tokens;
        direct.cpuMicros += d.cpuMicros;
        const before = cpuTicks(gatewayChild.pid);
        const g = await run(
          [join(here, 'gateway-client-child.mjs'), url, concurrency, perRound, ref, join(dir, 'prompt.txt')],
          env,
        );
        gatewayCpuMicros += ((cpuTicks(gatewayChild.pid) - before) / TICKS) * 1e6;
        gateway.ttfts.push(...g.ttfts);
        gateway.tokens += g.tokens;
      }
      const row = {
        concurrency,
        requests,
        directTtftP50Ms: percentile(direct.ttfts, 50),
        gatewayTtftP50Ms: percentile(gateway.ttfts, 50),
        addedTtftP50Ms: percentile(gateway.ttfts, 50) - percentile(direct.ttfts, 50),
        addedTtftP99Ms: percentile(gateway.ttfts, 99) - percentile(direct.ttfts, 99),
        directCpuPerTokenUs: direct.cpuMicros / direct.tokens,
        gatewayCpuPerTokenUs: gatewayCpuMicros / gateway.tokens,
        tokensPerRequest: gateway.tokens / requests,
      };
      row.cpuRatio = row.gatewayCpuPerTokenUs / row.directCpuPerTokenUs;
      results.push(row);
      console.log(
        `c=${concurrency}: TTFT p50 direct ${row.directTtftP50Ms.toFixed(2)} ms, gateway ${row.gatewayTtftP50Ms.toFixed(2)} ms ` +
          `(added p50 ${row.addedTtftP50Ms.toFixed(2)} ms, p99 ${row.addedTtftP99Ms.toFixed(2)} ms); CPU/token direct ` +
          `${row.directCpuPerTokenUs.toFixed(1)} µs, gateway ${row.gatewayCpuPerTokenUs.toFixed(1)} µs (${row.cpuRatio.toFixed(2)}x)`,
      );
    }

    const baseline = rssBytes(gatewayChild.pid);
    const slow = start(
      [join(here, 'slow-streams-child.mjs'), url, SLOW_STREAMS, ref, join(dir, 'slow.txt')],
      env,
    );
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssBytes(gatewayChild.pid));
    }, 50);
    let out = '';
    slow.stdout.on('data', (c) => {
      out += c;
    });
    await new Promise((resolve) => slow.on('exit', resolve));
    clearInterval(sampler);
    const slowResult = JSON.parse(out.trim().split('\n').at(-1));
    const rss = {
      streams: SLOW_STREAMS,
      ...slowResult,
      baselineMb: baseline / 2 ** 20,
      peakMb: peak / 2 ** 20,
    };
    console.log(
      `RSS with ${SLOW_STREAMS} slow streams: peak ${rss.peakMb.toFixed(0)} MB (idle ${rss.baselineMb.toFixed(0)} MB); ` +
        `${slowResult.ok} completed, ${slowResult.failed} failed`,
    );

    const report = { at: new Date().toISOString(), node: process.version, levels: results, rss };
    const outDir = join(here, '..', '..', '..', 'bench-results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'gateway.json'), `${JSON.stringify(report, null, 2)}\n`);
    const c1 = results[0];
    const worstRatio = Math.max(...results.map((r) => r.cpuRatio));
    console.log(
      `targets: added TTFT p50 at c=1 ${c1.addedTtftP50Ms.toFixed(2)} ms (<= 2), CPU/token ratio max ${worstRatio.toFixed(2)}x ` +
        `(<= 1.5), RSS ${rss.peakMb.toFixed(0)} MB (<= 400)`,
    );
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
