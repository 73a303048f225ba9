// Figure 4: cold start of the built CLI (`outcrop --help`, `outcrop models list` with a warm discovery
// cache), wall time of a fresh node process each run; baseline `node -e 0` in the same run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '@outcrop/bedrock-emulator';
import type { Figure } from './results.js';
import { runNode } from './spawn-node.js';
import { median, sample } from './stats.js';
import { cliMain } from './workspace.js';

export async function benchCli(options: { runs: number; log: (line: string) => void }): Promise<Figure[]> {
  const emulator = await startEmulator();
  const home = mkdtempSync(path.join(tmpdir(), 'outcrop-bench-cli-'));
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    ...emulator.env(),
  };
  const main = cliMain();
  const timed = async (args: string[]) => {
    const run = await runNode(args, { env, cwd: home });
    if (run.code !== 0) throw new Error(`node ${args.join(' ')} exited ${run.code}: ${run.stderr.trim()}`);
    return run.wallMs;
  };
  const listCalls = () =>
    emulator.journal.entries().filter((e) => e.operation === 'ListFoundationModels').length;
  try {
    await timed([main, 'models', 'list', '--json']); // fills the discovery cache under HOME
    const callsAfterWarm = listCalls();
    const runs = options.runs + 2;
    const baseline: number[] = [];
    const help: number[] = [];
    const list: number[] = [];
    await sample(runs, 1, async () => {
      baseline.push(await timed(['-e', '0']));
      help.push(await timed([main, '--help']));
      list.push(await timed([main, 'models', 'list']));
    });
    const uncached = listCalls() - callsAfterWarm;
    const base = { name: 'node -e 0', value: median(baseline) };
    options.log(
      `  node -e 0 ${base.value.toFixed(0)} ms, --help ${median(help).toFixed(0)} ms, models list ${median(list).toFixed(0)} ms (${uncached} upstream list calls while warm)`,
    );
    const group = `CLI cold start (wall time of a fresh process, median of ${runs} runs)`;
    return [
      { group, name: 'node -e 0 (baseline)', value: base.value, unit: 'ms' },
      { group, name: 'outcrop --help', value: median(help), unit: 'ms', baseline: base },
      {
        group,
        name: 'outcrop models list, warm discovery cache',
        value: median(list),
        unit: 'ms',
        baseline: base,
        target: '0 upstream list calls while the cache is warm',
        met: uncached === 0,
        note: `${uncached} ListFoundationModels calls reached the emulator during the warm runs`,
      },
    ];
  } finally {
    await emulator.stop();
  }
}
