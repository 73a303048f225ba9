// Figure 3: the gateway engineer's own harness (apps/gateway/bench/run.mjs) runs as a child process; we
// read the JSON report it writes and put its figures in our table. Nothing here re-measures the gateway.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Figure } from './results.js';
import { runNode } from './spawn-node.js';
import { packageDir } from './workspace.js';

interface Level {
  concurrency: number;
  requests: number;
  directTtftP50Ms: number;
  gatewayTtftP50Ms: number;
  addedTtftP50Ms: number;
  addedTtftP99Ms: number;
  directCpuPerTokenUs: number;
  gatewayCpuPerTokenUs: number;
  cpuRatio: number;
}
interface Report {
  levels: Level[];
  rss: { streams: number; ok: number; failed: number; baselineMb: number; peakMb: number };
}

export async function benchGateway(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<Figure[]> {
  const dir = packageDir('@outcrop/gateway');
  const harness = path.join(dir, 'bench', 'run.mjs');
  const report = path.join(dir, '..', '..', 'bench-results', 'gateway.json');
  const group = 'Gateway (apps/gateway harness: gateway vs the AWS SDK calling the emulator directly)';
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const run = await runNode([harness, ...(options.quick ? ['--quick'] : [])], {
    env,
    cwd: dir,
    killAfterMs: 900_000,
  });
  for (const line of run.stdout.trim().split('\n')) options.log(`  ${line}`);
  if (run.code !== 0) {
    const reason = (run.stderr.trim().split('\n').at(-1) ?? `exit ${run.code}`).slice(0, 200);
    return [
      { group, name: 'gateway harness', value: undefined, unit: '', note: `the harness failed: ${reason}` },
    ];
  }
  const data = JSON.parse(readFileSync(report, 'utf8')) as Report;
  const figures: Figure[] = [];
  for (const level of data.levels) {
    const c = `c=${level.concurrency} (${level.requests} requests)`;
    figures.push({
      group,
      name: `added TTFT p50, ${c}`,
      value: level.addedTtftP50Ms,
      unit: 'ms',
      baseline: { name: 'direct SDK TTFT p50, ms', value: level.directTtftP50Ms },
      ...(level.concurrency === 1 ? { target: '<= 2 ms added at c=1', met: level.addedTtftP50Ms <= 2 } : {}),
      note: `p99 added ${level.addedTtftP99Ms.toFixed(2)} ms`,
    });
    figures.push({
      group,
      name: `CPU per token, ${c}`,
      value: level.gatewayCpuPerTokenUs,
      unit: 'µs',
      baseline: { name: 'direct SDK client', value: level.directCpuPerTokenUs },
      target: '<= 1.5x direct',
      met: level.cpuRatio <= 1.5,
    });
  }
  figures.push({
    group,
    name: `gateway RSS peak with ${data.rss.streams} slow streams open`,
    value: data.rss.peakMb,
    unit: 'MB',
    baseline: { name: 'idle gateway RSS, MB', value: data.rss.baselineMb },
    target: '<= 400 MB, all streams complete',
    met: data.rss.peakMb <= 400 && data.rss.failed === 0,
    note: `${data.rss.ok} streams completed, ${data.rss.failed} failed`,
  });
  return figures;
}
