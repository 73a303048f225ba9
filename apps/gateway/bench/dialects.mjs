// Per-dialect gateway benchmark (`run.mjs --dialects`, issue 16): at concurrency 1, what each front door adds to
// time to first token over the AWS SDK calling the same emulator directly, and the gateway's CPU per streamed
// token relative to the Chat Completions path. Chat Completions, Anthropic Messages and OpenAI Responses go
// through the one minimal client (raw-client-child.mjs); the SDK (direct-child.mjs) is the baseline, and the same
// client straight to the emulator (Bedrock's wire) is kept as context. /v1/embeddings is compared with
// outcrop.embed() direct (embed-direct-child.mjs): it is not streamed, so its "TTFT" is the time to the whole
// response, and its CPU is per input token against the direct caller's, not against chat.
// All sides run in every round, in alternating order, so a change in machine load hits them alike. Every process
// is local (127.0.0.1) and every run is bounded in count. Prints a summary and writes JSON.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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

const { quick, rounds: ROUNDS, requests } = benchArgs();
const REQUESTS = requests ?? (quick ? 30 : 200);
const TICKS = 100; // Linux USER_HZ
const EMBEDDING_MODEL = 'amazon.titan-embed-text-v2:0';
const STREAMED = ['chat', 'messages', 'responses'];
const ROUTES = {
  chat: '/v1/chat/completions',
  messages: '/v1/messages',
  responses: '/v1/responses',
  embeddings: '/v1/embeddings',
};

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

const files = benchDir('outcrop-dialects-bench-');
const { start, run, stopAll } = createChildren();
const loadBefore = loadavg();

try {
  const { emulator, env } = await startEmulatorChild(start);
  const gateway = await startGatewayChild(start, env, files.configFile);
  const ref = await benchModel(gateway.url);
  const modelId = ref.replace(/^amazon-bedrock\//, '');
  const concurrency = 1;
  const perRound = Math.ceil(REQUESTS / ROUNDS);
  const warmup = warmupFor(concurrency);
  const raw = (mode, url, model) => [
    join(here, 'raw-client-child.mjs'),
    mode,
    url,
    concurrency,
    perRound,
    warmup,
    model,
    files.promptFile,
    '/v1',
  ];
  const sides = [
    {
      name: 'sdk',
      args: [join(here, 'direct-child.mjs'), concurrency, perRound, modelId, files.promptFile, warmup],
    },
    { name: 'bedrock', args: raw('bedrock', emulator.url, modelId), token: emulator.bearerToken },
    { name: 'chat', args: raw('openai', gateway.url, ref), gateway: true },
    { name: 'messages', args: raw('messages', gateway.url, ref), gateway: true },
    { name: 'responses', args: raw('responses', gateway.url, ref), gateway: true },
    {
      name: 'embedDirect',
      args: [
        join(here, 'embed-direct-child.mjs'),
        concurrency,
        perRound,
        EMBEDDING_MODEL,
        files.promptFile,
        warmup,
      ],
    },
    {
      name: 'embeddings',
      args: raw('embeddings', gateway.url, `amazon-bedrock/${EMBEDDING_MODEL}`),
      gateway: true,
    },
  ];

  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    const r = {};
    for (const side of order) {
      const before = side.gateway ? cpuTicks(gateway.child.pid) : 0;
      const out = await run(side.args, { ...env, BENCH_CLIENT_TOKEN: side.token ?? '' });
      if (!(out.tokens > 0)) throw new Error(`${side.name}: no tokens counted in round ${round + 1}`);
      r[side.name] = {
        p50: percentile(out.ttfts, 50),
        p99: percentile(out.ttfts, 99),
        clientCpuPerTokenUs: out.cpuMicros / out.tokens,
        tokensPerRequest: out.tokens / out.ttfts.length,
        // The gateway's CPU covers the client's warm-up as well, so its tokens count too.
        serverCpuPerTokenUs: side.gateway
          ? (((cpuTicks(gateway.child.pid) - before) / TICKS) * 1e6) / (out.tokens + out.warmupTokens)
          : undefined,
      };
    }
    rounds.push(r);
  }

  const over = (name, base, key) => spread(rounds.map((r) => r[name][key] - r[base][key]));
  const rows = [];
  for (const name of [...STREAMED, 'embeddings']) {
    const base = name === 'embeddings' ? 'embedDirect' : 'sdk';
    const row = {
      dialect: name,
      route: ROUTES[name],
      baseline: name === 'embeddings' ? 'outcrop.embed() direct' : 'AWS SDK ConverseStream direct',
      p50: spread(rounds.map((r) => r[name].p50)),
      baselineP50: spread(rounds.map((r) => r[base].p50)),
      addedP50: over(name, base, 'p50'),
      addedP99: over(name, base, 'p99'),
      tokensPerRequest: spread(rounds.map((r) => r[name].tokensPerRequest)),
      gatewayCpuPerTokenUs: spread(rounds.map((r) => r[name].serverCpuPerTokenUs)),
    };
    if (name === 'embeddings') {
      row.cpuVsDirect = spread(
        rounds.map((r) => r.embeddings.serverCpuPerTokenUs / r.embedDirect.clientCpuPerTokenUs),
      );
    } else {
      row.addedP50OverRawBedrock = over(name, 'bedrock', 'p50');
      row.cpuVsChat = spread(rounds.map((r) => r[name].serverCpuPerTokenUs / r.chat.serverCpuPerTokenUs));
    }
    rows.push(row);
  }

  const fmt = (s) => `${s.median.toFixed(2)} [${s.min.toFixed(2)}, ${s.max.toFixed(2)}]`;
  const loadAfter = loadavg();
  console.log(
    `c=1, ${perRound * ROUNDS} requests per side in ${ROUNDS} rounds; load average ${loadBefore[0].toFixed(2)} ` +
      `before, ${loadAfter[0].toFixed(2)} after; medians over rounds [min, max]`,
  );
  console.log(`SDK direct TTFT p50 ${fmt(spread(rounds.map((r) => r.sdk.p50)))} ms`);
  for (const row of rows) {
    const cpu = row.cpuVsChat
      ? `${fmt(row.cpuVsChat)}x chat (<= 1.2)`
      : `${fmt(row.cpuVsDirect)}x the direct caller's`;
    console.log(
      `${row.route}: added ${row.dialect === 'embeddings' ? 'latency' : 'TTFT'} p50 ${fmt(row.addedP50)} ms ` +
        `(<= 2), p99 ${fmt(row.addedP99)} ms over ${row.baseline}; gateway CPU/token ` +
        `${fmt(row.gatewayCpuPerTokenUs)} µs, ${cpu}` +
        (row.addedP50OverRawBedrock
          ? `; added p50 over the raw Bedrock client ${fmt(row.addedP50OverRawBedrock)} ms`
          : ''),
    );
  }

  const outDir = join(here, '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, 'gateway-dialects.json'),
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        quick,
        concurrency,
        rounds: ROUNDS,
        requestsPerSide: perRound * ROUNDS,
        loadAverage: { before: loadBefore, after: loadAfter },
        rows,
      },
      null,
      2,
    )}\n`,
  );
} finally {
  stopAll();
  files.remove();
}
