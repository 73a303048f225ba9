// Small statistics for benchmark runs: every figure is a median of several runs.

/** The median of a non-empty list (the upper middle for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** CPU time (user + system, µs) and wall time (ms) spent by `work`, plus its result. */
export async function measure<T>(
  work: () => Promise<T>,
): Promise<{ cpuMicros: number; wallMs: number; result: T }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { cpuMicros: used.user + used.system, wallMs, result };
}

/** Runs `work` `warmup + runs` times and keeps the last `runs` samples. */
export async function sample<T>(
  runs: number,
  warmup: number,
  work: (run: number) => Promise<T>,
): Promise<T[]> {
  const samples: T[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const value = await work(i);
    if (i >= warmup) samples.push(value);
  }
  return samples;
}
