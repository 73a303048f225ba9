// Workers benchmark: tokens/s and time to first token (p50, p99) through the gateway with --workers 1 and 2, at
// concurrency 1, 64 and 256, beside the AWS SDK calling the same emulator directly (direct-child.mjs, the
// baseline issue 18 sets: gateway p99 TTFT at c=64 no worse than the direct SDK's in the same run). Both
// gateways run at once and each level runs every side back to back, the order alternating between levels, so a
// change in machine load hits every side alike. The client, its warm-up and the statistics are the gateway
// benchmark's (harness.mjs, raw-client-child.mjs). Every process shares the machine's cores: the figures say
// what this machine allows, not what a gateway on its own cores does. Bounded in requests (--quick: fewer);
// prints a table, writes bench-results/gateway-workers.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  benchArgs,
  benchDir,
  benchModel,
  createChildren,
  here,
  percentile,
  startEmulatorChild,
  startGatewayChild,
  warmupFor,
} from './harness.mjs';

const { quick } = benchArgs();
const LEVELS = quick
  ? [
      [1, 20],
      [64, 128],
      [256, 256],
    ]
  : [
      [1, 40],
      [64, 256],
      [256, 512],
    ];
const WORKERS = [1, 2];

const files = benchDir('outcrop-workers-bench-');
const { start, run, stopAll } = createChildren();

/** The figures of one side at one level, from a client child's JSON line. */
function figures(r) {
  return {
    tokensPerSecond: r.tokens / (r.wallMs / 1000),
    ttftP50Ms: percentile(r.ttfts, 50),
    ttftP99Ms: percentile(r.ttfts, 99),
    clientShare: r.cpuMicros / 1000 / r.wallMs,
  };
}

try {
  const { emulator, env } = await startEmulatorChild(start);
  const gateways = [];
  for (const workers of WORKERS) {
    gateways.push({
      workers,
      ...(await startGatewayChild(start, env, files.configFile, ['--workers', String(workers)])),
    });
  }
  const ref = await benchModel(gateways[0].url);
  const modelId = ref.replace(/^amazon-bedrock\//, '');

  const sides = [
    {
      name: 'direct SDK',
      args: (c, n) => [join(here, 'direct-child.mjs'), c, n, modelId, files.promptFile, warmupFor(c)],
    },
    ...gateways.map((gateway) => ({
      name: `workers=${gateway.workers}`,
      workers: gateway.workers,
      args: (c, n) => [
        join(here, 'raw-client-child.mjs'),
        'openai',
        gateway.url,
        c,
        n,
        warmupFor(c),
        ref,
        files.promptFile,
        '/v1',
      ],
    })),
  ];

  const levels = [];
  for (const [index, [concurrency, requests]] of LEVELS.entries()) {
    const order = index % 2 === 0 ? sides : [...sides].reverse();
    const measured = {};
    for (const side of order) measured[side.name] = figures(await run(side.args(concurrency, requests), env));
    const direct = measured['direct SDK'];
    const level = { concurrency, requests, direct, gateways: [] };
    console.log(
      `c=${concurrency} (${requests} requests each): direct SDK ${direct.tokensPerSecond.toFixed(0)} tokens/s, ` +
        `TTFT p50 ${direct.ttftP50Ms.toFixed(1)} ms, p99 ${direct.ttftP99Ms.toFixed(1)} ms ` +
        `(its client ${direct.clientShare.toFixed(2)} of a core)`,
    );
    for (const side of sides.slice(1)) {
      const m = measured[side.name];
      const row = {
        workers: side.workers,
        ...m,
        tokensPerSecondRatio: m.tokensPerSecond / direct.tokensPerSecond,
        ttftP50Ratio: m.ttftP50Ms / direct.ttftP50Ms,
        ttftP99Ratio: m.ttftP99Ms / direct.ttftP99Ms,
      };
      level.gateways.push(row);
      console.log(
        `  ${side.name}: ${m.tokensPerSecond.toFixed(0)} tokens/s (${row.tokensPerSecondRatio.toFixed(2)}x direct), ` +
          `TTFT p50 ${m.ttftP50Ms.toFixed(1)} ms (${row.ttftP50Ratio.toFixed(2)}x), p99 ${m.ttftP99Ms.toFixed(1)} ms ` +
          `(${row.ttftP99Ratio.toFixed(2)}x) (its client ${m.clientShare.toFixed(2)} of a core)`,
      );
    }
    levels.push(level);
  }
  for (const gateway of gateways) gateway.child.kill('SIGTERM');
  await Promise.all(gateways.map((g) => new Promise((resolve) => g.child.on('exit', resolve))));

  const outDir = join(here, '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const report = {
    at: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    quick,
    emulator: emulator.url,
    levels,
  };
  writeFileSync(join(outDir, 'gateway-workers.json'), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  stopAll();
  files.remove();
}
