// Figure 3b: the gateway with --workers 1 and 2 (apps/gateway/bench/workers.mjs) beside the AWS SDK calling the
// same emulator directly, at concurrency 1, 64 and 256; its JSON report becomes rows here. Issue 18's target:
// the gateway's p99 time to first token at c=64 no worse than the direct SDK's in the same run.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Figure } from './results.js';
import { runNode } from './spawn-node.js';
import { packageDir } from './workspace.js';

interface Side {
  tokensPerSecond: number;
  ttftP50Ms: number;
  ttftP99Ms: number;
  clientShare: number;
}
interface Level {
  concurrency: number;
  requests: number;
  direct: Side;
  gateways: (Side & { workers: number })[];
}
export interface WorkersReport {
  cores: number;
  quick: boolean;
  levels: Level[];
}

const GROUP = 'Gateway workers: tokens/s and TTFT with --workers 1 and 2 beside the direct AWS SDK';
const TARGET_CONCURRENCY = 64;

export async function benchWorkers(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<Figure[]> {
  const dir = packageDir('@outcrop/gateway');
  const env = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  const run = await runNode([path.join(dir, 'bench', 'workers.mjs'), ...(options.quick ? ['--quick'] : [])], {
    env,
    cwd: dir,
    killAfterMs: 900_000,
  });
  for (const line of run.stdout.trim().split('\n')) options.log(`  ${line}`);
  if (run.code !== 0) {
    const reason = (run.stderr.trim().split('\n').at(-1) ?? `exit ${run.code}`).slice(0, 200);
    return [
      {
        group: GROUP,
        name: 'workers harness',
        value: undefined,
        unit: '',
        note: `the harness failed: ${reason}`,
      },
    ];
  }
  const report = JSON.parse(
    readFileSync(path.join(dir, '..', '..', 'bench-results', 'gateway-workers.json'), 'utf8'),
  ) as WorkersReport;
  return workersFigures(report);
}

/** The report's rows as figures (apart from the run, so a test can feed it a report). */
export function workersFigures(report: WorkersReport): Figure[] {
  const shared =
    `client, emulator and gateway share the machine's ${report.cores} cores, so a second worker competes ` +
    'with them rather than getting a core of its own';
  const figures: Figure[] = [];
  for (const level of report.levels) {
    const c = `c=${level.concurrency}`;
    for (const gateway of level.gateways) {
      const label = `--workers ${gateway.workers}`;
      const targeted = level.concurrency === TARGET_CONCURRENCY;
      figures.push(
        {
          group: GROUP,
          name: `${label}: TTFT p99, ${c} (${level.requests} requests)`,
          value: gateway.ttftP99Ms,
          unit: 'ms',
          kind: 'wall',
          baseline: { name: 'direct AWS SDK TTFT p99, ms', value: level.direct.ttftP99Ms },
          ...(targeted
            ? {
                target: '<= 1.0x the direct SDK (issue 18)',
                check: { on: 'ratio' as const, op: '<=' as const, limit: 1 },
                met: gateway.ttftP99Ms <= level.direct.ttftP99Ms,
              }
            : {}),
          note:
            `p50 ${gateway.ttftP50Ms.toFixed(1)} ms vs direct ${level.direct.ttftP50Ms.toFixed(1)} ms; client CPU ` +
            `share of one core: gateway's ${gateway.clientShare.toFixed(2)}, direct SDK's ` +
            level.direct.clientShare.toFixed(2),
          ...(figures.length === 0 ? { feature: shared } : {}),
        },
        {
          group: GROUP,
          name: `${label}: tokens/s, ${c}`,
          value: gateway.tokensPerSecond,
          unit: 'tokens/s',
          kind: 'wall',
          baseline: { name: 'direct AWS SDK, tokens/s', value: level.direct.tokensPerSecond },
        },
      );
    }
  }
  return figures;
}
