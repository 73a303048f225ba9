// Workers benchmark: tokens/s and time to first token (p50, p99) through the gateway with --workers 1 and 2, at
// concurrency 1 and 64, against one emulator in its own process. The client, its warm-up and the statistics are
// the gateway benchmark's (harness.mjs, raw-client-child.mjs). Bounded in requests; prints a table, writes JSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  benchDir,
  benchModel,
  createChildren,
  here,
  percentile,
  startEmulatorChild,
  startGatewayChild,
  warmupFor,
} from './harness.mjs';

const LEVELS = [
  [1, 40],
  [64, 384],
];
const WORKERS = [1, 2];

const files = benchDir('outcrop-workers-bench-');
const { start, run, stopAll } = createChildren();

try {
  const { env } = await startEmulatorChild(start);
  const results = [];
  for (const workers of WORKERS) {
    const gateway = await startGatewayChild(start, env, files.configFile, ['--workers', String(workers)]);
    const ref = await benchModel(gateway.url);
    for (const [concurrency, requests] of LEVELS) {
      const r = await run(
        [
          join(here, 'raw-client-child.mjs'),
          'openai',
          gateway.url,
          concurrency,
          requests,
          warmupFor(concurrency),
          ref,
          files.promptFile,
          '/v1',
        ],
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
    gateway.child.kill('SIGTERM');
    await new Promise((resolve) => gateway.child.on('exit', resolve));
  }
  const outDir = join(here, '..', '..', '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const report = { at: new Date().toISOString(), node: process.version, results };
  writeFileSync(join(outDir, 'gateway-workers.json'), `${JSON.stringify(report, null, 2)}\n`);
} finally {
  stopAll();
  files.remove();
}
