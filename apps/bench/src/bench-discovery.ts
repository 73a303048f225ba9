// Figure 5: what a cached discovery lookup costs against an uncached one, measured in the same run. That 100
// concurrent callers share one upstream fetch is a test (apps/bench/test/bench-claims.test.ts), not a figure.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '@outcrop/bedrock-emulator';
import { resolveBedrockConnection } from '@outcrop/credentials';
import { createDiscovery } from '@outcrop/discovery';
import type { Figure } from './results.js';
import { median } from './stats.js';

const CALLERS = 100;
const LOOKUPS = 2_000;
const CONTROL_PLANE = new Set([
  'ListFoundationModels',
  'ListInferenceProfiles',
  'GetFoundationModel',
  'GetInferenceProfile',
]);

export async function benchDiscovery(options: {
  runs: number;
  log: (line: string) => void;
}): Promise<Figure[]> {
  const emulator = await startEmulator();
  try {
    const connection = await resolveBedrockConnection({
      env: emulator.env(),
      homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-bench-disc-')),
    });
    const config = { refreshInterval: 3600, defaultContextWindow: 32_000, defaultMaxTokens: 4096 };
    const upstreamCalls = () =>
      emulator.journal.entries().filter((e) => CONTROL_PLANE.has(e.operation)).length;

    // Baseline: what one caller costs upstream, and how long one uncached list takes.
    const single: number[] = [];
    const uncachedMs: number[] = [];
    const concurrent: number[] = [];
    const cachedUs: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      emulator.journal.clear();
      const one = createDiscovery({ connection, config });
      const start = performance.now();
      await one.list();
      uncachedMs.push(performance.now() - start);
      single.push(upstreamCalls());

      emulator.journal.clear();
      const shared = createDiscovery({ connection, config });
      const results = await Promise.all(Array.from({ length: CALLERS }, () => shared.list()));
      if (results.some((r) => r.models.length !== results[0]!.models.length)) {
        throw new Error('concurrent callers saw different model lists');
      }
      concurrent.push(upstreamCalls());

      const lookupStart = performance.now();
      for (let i = 0; i < LOOKUPS; i++) await shared.list();
      cachedUs.push(((performance.now() - lookupStart) * 1000) / LOOKUPS);
    }
    options.log(
      `  ${CALLERS} callers -> ${median(concurrent)} upstream calls (one caller: ${median(single)}); cached list() ` +
        `${median(cachedUs).toFixed(2)} µs, uncached ${median(uncachedMs).toFixed(1)} ms`,
    );
    const group = `Discovery (median of ${options.runs} runs per full run)`;
    return [
      {
        group,
        name: 'cached list() latency',
        value: median(cachedUs),
        unit: 'µs',
        kind: 'wall',
        baseline: { name: 'uncached list(), µs', value: median(uncachedMs) * 1000 },
      },
    ];
  } finally {
    await emulator.stop();
  }
}
