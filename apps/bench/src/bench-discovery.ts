// Figure 5: 100 concurrent callers of a cold discovery make one upstream fetch (emulator journal), and a
// cached lookup costs next to nothing; baselines measured in the same run.
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
    const calls = median(concurrent);
    const oneCaller = median(single);
    options.log(
      `  ${CALLERS} callers -> ${calls} upstream calls (one caller: ${oneCaller}); cached list() ${median(cachedUs).toFixed(2)} µs, uncached ${median(uncachedMs).toFixed(1)} ms`,
    );
    const group = `Discovery (median of ${options.runs} runs)`;
    return [
      {
        group,
        name: `${CALLERS} concurrent callers of a cold discovery: upstream control-plane calls`,
        value: calls,
        unit: 'calls',
        baseline: { name: 'one caller', value: oneCaller },
        target: 'same as one caller (1.00x)',
        met: calls === oneCaller,
      },
      {
        group,
        name: 'cached list() latency',
        value: median(cachedUs),
        unit: 'µs',
        baseline: { name: 'uncached list(), µs', value: median(uncachedMs) * 1000 },
      },
    ];
  } finally {
    await emulator.stop();
  }
}
