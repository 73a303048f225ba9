// Figure 4: cold start of the built CLI (`outcrop --help`, `outcrop models list` with an empty and with a warm
// discovery cache), wall time of a fresh node process each run; baseline `node -e 0` in the same run. That a warm
// cache makes no list call is a test (apps/bench/test/bench-claims.test.ts), not a figure.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '@outcrop/bedrock-emulator';
import type { Figure } from './results.js';
import { runNode } from './spawn-node.js';
import { median, sample } from './stats.js';
import { cliEnv, cliMain } from './workspace.js';

export async function benchCli(options: { runs: number; log: (line: string) => void }): Promise<Figure[]> {
  const emulator = await startEmulator();
  const home = mkdtempSync(path.join(tmpdir(), 'outcrop-bench-cli-'));
  const main = cliMain();
  const timed = async (args: string[], dir = home) => {
    const run = await runNode(args, { env: cliEnv(dir, emulator.env()), cwd: dir });
    if (run.code !== 0) throw new Error(`node ${args.join(' ')} exited ${run.code}: ${run.stderr.trim()}`);
    return run.wallMs;
  };
  try {
    await timed([main, 'models', 'list', '--json']); // fills the discovery cache under HOME
    const runs = options.runs + 2;
    const baseline: number[] = [];
    const help: number[] = [];
    const empty: number[] = [];
    const warm: number[] = [];
    await sample(runs, 1, async () => {
      baseline.push(await timed(['-e', '0']));
      help.push(await timed([main, '--help']));
      // First use: a new HOME each time, so the discovery cache is empty and the list comes from upstream.
      empty.push(
        await timed([main, 'models', 'list'], mkdtempSync(path.join(tmpdir(), 'outcrop-bench-cli-empty-'))),
      );
      warm.push(await timed([main, 'models', 'list']));
    });
    const base = { name: 'node -e 0', value: median(baseline) };
    options.log(
      `  node -e 0 ${base.value.toFixed(0)} ms, --help ${median(help).toFixed(0)} ms, models list empty cache ` +
        `${median(empty).toFixed(0)} ms, warm cache ${median(warm).toFixed(0)} ms`,
    );
    const group = `CLI cold start (wall time of a fresh process, median of ${runs} runs per full run)`;
    return [
      { group, name: 'node -e 0 (baseline)', value: base.value, unit: 'ms', kind: 'wall' },
      { group, name: 'outcrop --help', value: median(help), unit: 'ms', baseline: base, kind: 'wall' },
      {
        group,
        name: 'outcrop models list, empty discovery cache (first use)',
        value: median(empty),
        unit: 'ms',
        baseline: base,
        kind: 'wall',
        note: 'includes the control-plane list calls to the local emulator (no network latency)',
      },
      {
        group,
        name: 'outcrop models list, warm discovery cache',
        value: median(warm),
        unit: 'ms',
        baseline: base,
        kind: 'wall',
      },
    ];
  } finally {
    await emulator.stop();
  }
}
