// Figure 3b: the gateway with --workers 1 and 2 (apps/gateway/bench/workers.mjs) beside the AWS SDK calling the
// same emulator directly, at concurrency 1, 64 and 256; its JSON report becomes rows here. Issue 18's target:
// the gateway's p99 time to first token at c=64 no worse than the direct SDK's in the same run.
import { runGatewayScript } from './gateway-script.js';
import type { Figure } from './results.js';

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
  const run = await runGatewayScript<WorkersReport>(
    {
      script: 'workers.mjs',
      report: 'gateway-workers.json',
      group: GROUP,
      name: 'workers harness',
      killAfterMs: 900_000,
    },
    options,
  );
  return 'failed' in run ? [run.failed] : workersFigures(run.report);
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
