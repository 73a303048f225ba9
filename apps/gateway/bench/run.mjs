// Gateway benchmark, like for like. One minimal client (raw-client-child.mjs), warmed the same way, measures time
// to first token straight to the emulator (Bedrock's own wire) and through the gateway, in alternating rounds of
// fresh client processes; the difference is what the gateway adds. Levels where a client saturates its own core
// are marked and kept out of the "added" figures (there the figure would be the client's own queueing). Then the
// gateway's CPU per token against a warmed AWS SDK client, and RSS of a fresh gateway while N slow streams are
// open at the same time (asserted, not assumed). BENCH_PEER_GATEWAY_DIR adds a peer gateway (see peer-gateway.mjs).
// Every process is local (127.0.0.1) and every run is bounded in count. Prints a summary and writes JSON.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  benchArgs,
  benchDir,
  benchModel,
  createChildren,
  here,
  percentile,
  spread,
  startEmulatorChild,
  startGatewayChild,
  warmupFor,
} from './harness.mjs';
import { startPeerGateway } from './peer-gateway.mjs';

// --dialects: the per-dialect figures at concurrency 1 instead (dialects.mjs); nothing below runs.
if (process.argv.includes('--dialects')) {
  await import('./dialects.mjs');
  process.exit();
}

const { quick, rounds: ROUNDS } = benchArgs();
// --memory-only: just the slow-streams memory figure (the same steps), written to gateway-memory.json.
const memoryOnly = process.argv.includes('--memory-only');
const LEVELS = memoryOnly
  ? []
  : quick
    ? [
        [1, 30],
        [16, 96],
      ]
    : [
        [1, 200],
        [64, 1280],
        [512, 2048],
      ];
const SLOW_STREAMS = quick ? 100 : 1000;
const TICKS = 100; // Linux USER_HZ
/** A client using this share of one core or more is saturated: its TTFT includes its own queueing. */
const SATURATED_SHARE = 0.7;

const files = benchDir('outcrop-gateway-bench-');
const { dir, prompt, promptFile } = files;
// About 40 events 250 ms apart: each stream lasts ~10 s, long enough for all of them to be open at once.
writeFileSync(
  join(dir, 'slow.txt'),
  `${prompt.split(' ').slice(0, 100).join(' ')} [[scenario:{"eventDelayMs":250}]]`,
);

const { start, run, stopAll } = createChildren();

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

const startGateway = (env) => startGatewayChild(start, env, files.configFile);

try {
  const { emulator, env } = await startEmulatorChild(start);
  const gateway = await startGateway(env);
  const ref = await benchModel(gateway.url);
  const modelId = ref.replace(/^amazon-bedrock\//, '');

  const peer = memoryOnly
    ? { skipped: '--memory-only' }
    : process.env.BENCH_PEER_GATEWAY_DIR
      ? await startPeerGateway({
          dir: process.env.BENCH_PEER_GATEWAY_DIR,
          emulatorEnv: emulator.env,
          modelId,
          start,
        })
      : { skipped: 'BENCH_PEER_GATEWAY_DIR is not set' };
  if (peer.skipped) console.log(`peer gateway: not run (${peer.skipped})`);

  /** One side of the comparison through the same minimal client. */
  const sides = [
    { name: 'direct', args: ['bedrock', emulator.url], model: modelId, token: emulator.bearerToken },
    { name: 'outcrop', args: ['openai', gateway.url], model: ref, pid: gateway.child.pid, prefix: '/v1' },
    ...(peer.url
      ? [
          {
            name: 'peer',
            args: ['openai', peer.url],
            model: peer.model,
            pid: peer.pid,
            prefix: peer.prefix,
            token: peer.token,
          },
        ]
      : []),
  ];

  const results = [];
  for (const [concurrency, requests] of LEVELS) {
    const perRound = Math.ceil(requests / ROUNDS);
    const warmup = warmupFor(concurrency);
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so a change in machine load hits every side alike.
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      const r = {};
      for (const side of order) {
        if (side.failed) continue;
        const before = side.pid ? cpuTicks(side.pid) : 0;
        const out = await run(
          [
            join(here, 'raw-client-child.mjs'),
            ...side.args,
            concurrency,
            perRound,
            warmup,
            side.model,
            promptFile,
            side.prefix ?? '',
          ],
          { ...env, BENCH_CLIENT_TOKEN: side.token ?? '' },
        ).catch((error) => {
          // The peer is someone else's server: when it fails under load, it leaves the comparison, with the reason.
          if (side.name !== 'peer') throw error;
          side.failed = `failed at c=${concurrency}: ${String(error.message).slice(0, 160)}`;
          console.log(`peer gateway ${side.failed}`);
          return undefined;
        });
        if (!out) continue;
        const serverCpuMicros = side.pid ? ((cpuTicks(side.pid) - before) / TICKS) * 1e6 : undefined;
        r[side.name] = {
          p50: percentile(out.ttfts, 50),
          p99: percentile(out.ttfts, 99),
          clientShare: out.cpuMicros / 1000 / out.wallMs,
          clientCpuPerTokenUs: out.cpuMicros / out.tokens,
          tokens: out.tokens,
          // The server's CPU covers the client's warm-up as well, so its tokens count too.
          serverCpuPerTokenUs:
            serverCpuMicros === undefined ? undefined : serverCpuMicros / (out.tokens + out.warmupTokens),
        };
      }
      // The AWS SDK as the application would use it without a gateway: the CPU baseline per token.
      const sdk = await run(
        [join(here, 'direct-child.mjs'), concurrency, perRound, modelId, promptFile, warmup],
        env,
      );
      r.sdkCpuPerTokenUs = sdk.cpuMicros / sdk.tokens;
      r.sdkP50 = percentile(sdk.ttfts, 50);
      rounds.push(r);
    }
    const measured = sides.filter((side) => rounds.every((r) => r[side.name]));
    const saturated = measured
      .filter((side) => rounds.some((r) => r[side.name].clientShare >= SATURATED_SHARE))
      .map((side) => side.name);
    const row = { concurrency, requests: perRound * ROUNDS, rounds: ROUNDS, saturated };
    for (const side of measured) {
      row[side.name] = {
        p50: spread(rounds.map((r) => r[side.name].p50)),
        p99: spread(rounds.map((r) => r[side.name].p99)),
        clientShare: spread(rounds.map((r) => r[side.name].clientShare)),
        clientCpuPerTokenUs: spread(rounds.map((r) => r[side.name].clientCpuPerTokenUs)),
      };
      if (side.name !== 'direct') {
        row[side.name].addedP50 = spread(rounds.map((r) => r[side.name].p50 - r.direct.p50));
        row[side.name].addedP99 = spread(rounds.map((r) => r[side.name].p99 - r.direct.p99));
        row[side.name].serverCpuPerTokenUs = spread(rounds.map((r) => r[side.name].serverCpuPerTokenUs));
        row[side.name].cpuRatio = spread(
          rounds.map((r) => r[side.name].serverCpuPerTokenUs / r.sdkCpuPerTokenUs),
        );
      }
    }
    row.sdkCpuPerTokenUs = spread(rounds.map((r) => r.sdkCpuPerTokenUs));
    row.sdkTtftP50 = spread(rounds.map((r) => r.sdkP50));
    results.push(row);
    const fmt = (s) => `${s.median.toFixed(2)} [${s.min.toFixed(2)}, ${s.max.toFixed(2)}]`;
    console.log(
      `c=${concurrency}: TTFT p50 direct ${fmt(row.direct.p50)} ms, outcrop ${fmt(row.outcrop.p50)} ms, added p50 ` +
        `${fmt(row.outcrop.addedP50)} ms, p99 ${fmt(row.outcrop.addedP99)} ms; client CPU share direct ` +
        `${fmt(row.direct.clientShare)}, outcrop ${fmt(row.outcrop.clientShare)}` +
        (saturated.length ? ` (saturated: ${saturated.join(', ')})` : '') +
        `; gateway CPU/token ${fmt(row.outcrop.serverCpuPerTokenUs)} µs vs SDK ${fmt(row.sdkCpuPerTokenUs)} µs` +
        (row.peer?.addedP50 ? `; peer added p50 ${fmt(row.peer.addedP50)} ms` : ''),
    );
  }
  gateway.child.kill('SIGTERM');
  if (peer.pid) peer.stop();

  // Memory: a fresh gateway, its baseline taken before any load, then N slow streams that must all be open at once.
  const fresh = await startGateway(env);
  await run([join(here, 'raw-client-child.mjs'), 'openai', fresh.url, 1, 1, 1, ref, promptFile, '/v1'], env);
  const baseline = rssBytes(fresh.child.pid);
  const slow = start(
    [join(here, 'slow-streams-child.mjs'), fresh.url, SLOW_STREAMS, ref, join(dir, 'slow.txt')],
    env,
  );
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(fresh.child.pid));
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
    overlapped: slowResult.maxOpen === SLOW_STREAMS,
    baselineMb: baseline / 2 ** 20,
    peakMb: peak / 2 ** 20,
  };
  console.log(
    `RSS with ${SLOW_STREAMS} slow streams: peak ${rss.peakMb.toFixed(0)} MB (fresh ${rss.baselineMb.toFixed(0)} MB); ` +
      `${slowResult.maxOpen} open at once, ${slowResult.ok} completed, ${slowResult.failed} failed`,
  );

  const report = {
    at: new Date().toISOString(),
    node: process.version,
    quick,
    saturatedShare: SATURATED_SHARE,
    levels: results,
    rss,
    peer: peer.url
      ? {
          name: peer.name,
          model: peer.model,
          notes: peer.notes,
          ...(sides.find((side) => side.name === 'peer')?.failed
            ? { failed: sides.find((side) => side.name === 'peer').failed }
            : {}),
        }
      : { skipped: peer.skipped },
  };
  const outDir = join(here, '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, memoryOnly ? 'gateway-memory.json' : 'gateway.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
} finally {
  stopAll();
  files.remove();
}
