// Figure 6: keys, budgets and the ledger (apps/gateway/bench/teams.mjs) as a child process; its JSON report becomes
// rows here. The budget check times the admission hook alone; the gateway rows compare a budgeted virtual key
// with a static token (ledger row only) and with the teams runtime off, one request of each in turn.
import { runGatewayScript } from './gateway-script.js';
import type { Figure } from './results.js';

interface BudgetCheck {
  label: string;
  keys: number;
  p50Us: number;
  p99Us: number;
}
interface GatewayRow {
  label: string;
  requests: number;
  tokensPerRequest: number;
  ttftP50Ms: number;
  cpuUsPerToken: number;
}
interface Report {
  quick: boolean;
  budgetChecks: BudgetCheck[];
  gateway?: GatewayRow[];
}

const GROUP = 'Teams: virtual keys, budgets and the usage ledger';
const TTFT_LIMIT_MS = 0.3;
const CPU_LIMIT = 1.05;

export async function benchTeams(options: {
  quick: boolean;
  log: (line: string) => void;
}): Promise<Figure[]> {
  const run = await runGatewayScript<Report>(
    {
      script: 'teams.mjs',
      report: 'teams.json',
      group: GROUP,
      name: 'teams harness',
      killAfterMs: 1_800_000,
    },
    options,
  );
  return 'failed' in run ? [run.failed] : teamsFigures(run.report);
}

/** The report's rows as figures (apart from the run, so a test can feed it a report). */
export function teamsFigures(report: Report): Figure[] {
  const figures: Figure[] = report.budgetChecks.map((check) => ({
    group: GROUP,
    name: `budget check (admission hook) with ${check.keys.toLocaleString('en-US')} keys, p50, ${check.label}`,
    value: check.p50Us,
    unit: 'µs',
    kind: 'wall',
    target: '<= 50 µs p50',
    check: { on: 'value', op: '<=', limit: 50 },
    met: check.p50Us <= 50,
    note:
      `p99 ${Math.round(check.p99Us).toLocaleString('en-US')} µs (SQLite WAL checkpoints and GC land there); ` +
      'rate limit, one atomic budget hold and the write-ahead row in one transaction',
  }));
  const rows = new Map((report.gateway ?? []).map((row) => [row.label, row]));
  const budgeted = rows.get('budgeted virtual key');
  if (!budgeted) return figures;
  const tokens = `${budgeted.requests} requests of each, ${budgeted.tokensPerRequest} tokens each, c=1`;
  const cpuNote =
    'CPU of the one process that holds client, gateway and emulator, so the % understates the gateway\u2019s own share';
  for (const [label, against] of [
    ['static token (ledger row only)', 'a static token'],
    ['teams off (no database)', 'the teams runtime off'],
  ] as const) {
    const base = rows.get(label);
    if (!base) continue;
    const added = budgeted.ttftP50Ms - base.ttftP50Ms;
    figures.push(
      {
        group: GROUP,
        name: `budgeted virtual key vs ${against}: added TTFT p50 (${tokens})`,
        value: +added.toFixed(3),
        unit: 'ms',
        kind: 'wall',
        noRatio: true,
        baseline: { name: `${label} TTFT p50, ms`, value: base.ttftP50Ms },
        target: `<= ${TTFT_LIMIT_MS} ms added`,
        check: { on: 'value', op: '<=', limit: TTFT_LIMIT_MS },
        met: added <= TTFT_LIMIT_MS,
      },
      {
        group: GROUP,
        name: `budgeted virtual key vs ${against}: CPU per streamed token`,
        value: budgeted.cpuUsPerToken,
        unit: 'µs',
        kind: 'cpu',
        baseline: { name: label, value: base.cpuUsPerToken },
        target: '<= 5 % more',
        check: { on: 'ratio', op: '<=', limit: CPU_LIMIT },
        met: budgeted.cpuUsPerToken <= CPU_LIMIT * base.cpuUsPerToken,
        note: cpuNote,
      },
    );
  }
  return figures;
}
