// `pnpm bench`: runs every cross-cutting benchmark in one process run and writes RESULTS.md.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchStreamPath } from './bench-stream-path.js';
import { startEmulatorProcess } from './emulator-process.js';
import { type Figure, machineFacts, renderResults } from './results.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARMUP = 1;
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);
const log = (line: string) => console.log(line);

const figures: Figure[] = [];
const emulator = await startEmulatorProcess();
try {
  if (wanted('stream')) {
    log('stream path');
    figures.push(...(await benchStreamPath(emulator, { runs: RUNS, warmup: WARMUP, log })));
  }
} finally {
  await emulator.stop();
}
const out = process.env.BENCH_RESULTS ?? fileURLToPath(new URL('../RESULTS.md', import.meta.url));
writeFileSync(out, renderResults(figures, machineFacts()));
log(`wrote ${out}`);
