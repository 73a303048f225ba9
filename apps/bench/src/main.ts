// `pnpm bench`: runs every cross-cutting benchmark BENCH_REPEAT times (full runs) and writes RESULTS.md.
// `node dist/main.js stream tools` runs a subset; BENCH_RUNS sets the runs per figure; BENCH_QUICK=1 asks the
// gateway harness for its quick mode; BENCH_RESULTS writes the table elsewhere; BENCH_PEER_GATEWAY_DIR adds the
// peer gateway row (apps/gateway/bench/peer-gateway.mjs).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchCli } from './bench-cli.js';
import { benchDiscovery } from './bench-discovery.js';
import { benchGateway } from './bench-gateway.js';
import { benchPreflight } from './bench-preflight.js';
import { benchRouting } from './bench-routing.js';
import { benchStreamPath } from './bench-stream-path.js';
import { benchTeams } from './bench-teams.js';
import { benchToolArgs } from './bench-tool-args.js';
import { startEmulatorProcess } from './emulator-process.js';
import { aggregate, type Figure, machineFacts, renderResults } from './results.js';
import { pointProcessEnvAt } from './stream-consumers.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Full runs of the whole benchmark: every figure is the median over them, with its range. */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const WARMUP = 2;
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);
const log = (line: string) => console.log(line);

async function fullRun(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const emulator = await startEmulatorProcess();
  try {
    pointProcessEnvAt(emulator);
    if (wanted('stream')) {
      log('1. stream path');
      figures.push(...(await benchStreamPath(emulator, { runs: RUNS, warmup: WARMUP, log })));
    }
    if (wanted('tools')) {
      log('2. tool-call arguments');
      figures.push(...(await benchToolArgs(emulator, { runs: RUNS, warmup: WARMUP, log })));
    }
  } finally {
    await emulator.stop();
  }
  if (wanted('preflight')) {
    log('2b. pre-flight cost');
    figures.push(...benchPreflight({ runs: RUNS, log }));
  }
  if (wanted('gateway')) {
    log('3. gateway (apps/gateway harness)');
    figures.push(...(await benchGateway({ quick: process.env.BENCH_QUICK === '1', log })));
  }
  if (wanted('cli')) {
    log('4. CLI cold start');
    figures.push(...(await benchCli({ runs: RUNS, log })));
  }
  if (wanted('discovery')) {
    log('5. discovery');
    figures.push(...(await benchDiscovery({ runs: RUNS, log })));
  }
  if (wanted('routing')) {
    log('6. routing across accounts');
    figures.push(...(await benchRouting({ log })));
  }
  if (wanted('teams')) {
    log('7. teams (apps/gateway/bench/teams.mjs)');
    figures.push(...(await benchTeams({ quick: process.env.BENCH_QUICK === '1', log })));
  }
  return figures;
}

const started = performance.now();
const runs: Figure[][] = [];
for (let i = 0; i < REPEAT; i++) {
  log(`== full run ${i + 1} of ${REPEAT}`);
  runs.push(await fullRun());
}
const figures = aggregate(runs);
const out = process.env.BENCH_RESULTS ?? fileURLToPath(new URL('../RESULTS.md', import.meta.url));
writeFileSync(out, renderResults(figures, machineFacts(), preface()));
log(`wrote ${out}`);

function preface(): string {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout: leave it unknown
  }
  return [
    `- Commit ${commit}; ${REPEAT} full runs (BENCH_REPEAT), each figure within a run the median of ${RUNS} runs after ${WARMUP}`,
    `  warm-up runs (BENCH_RUNS); ${process.env.BENCH_QUICK === '1' ? 'QUICK mode (reduced sizes: a check that the harness works, not figures to quote)' : 'full sizes'}; took ${Math.round((performance.now() - started) / 60_000)} min`,
    "- CPU figures are the CPU time of the process under test only (process.cpuUsage(); the gateway's from /proc);",
    '  wall-time figures (events/s, TTFT, cold start) share the machine with the emulator and anything else',
    '  running, so read the ratios and ranges, not the absolute numbers.',
  ].join('\n');
}
