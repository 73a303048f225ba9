// outcrop.embed() calling the emulator directly, as an application would embed without the gateway: the baseline
// for the /v1/embeddings row of the per-dialect bench. argv: concurrency requests model prompt-file warmup.
// One text per call (Titan Text Embeddings V2 takes one per InvokeModel). Warmed like the other clients.
// Prints one JSON line: ttfts (here: ms to the whole result), tokens (input tokens), cpuMicros and wallMs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@outcrop/config-schema';
import { createOutcrop } from '@outcrop/provider';

const [concurrency, requests, model, promptFile, warmup = '20'] = process.argv.slice(2);
const prompt = readFileSync(promptFile, 'utf8');
// An empty home so no user config or credentials file of this machine is read; the env points at the emulator.
const homeDir = mkdtempSync(join(tmpdir(), 'outcrop-embed-bench-'));
const outcrop = await createOutcrop({ config: parseConfig('{}'), env: process.env, homeDir });

async function load(count) {
  const ttfts = [];
  let tokens = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(Number(concurrency), count) }, async () => {
      while (next < count) {
        next++;
        const started = performance.now();
        const result = await outcrop.embed(model, [prompt]);
        ttfts.push(performance.now() - started);
        tokens += result.usage.inputTokens;
      }
    }),
  );
  return { ttfts, tokens };
}

try {
  const warm = await load(Number(warmup));
  const cpuBefore = process.cpuUsage();
  const wallStart = performance.now();
  const { ttfts, tokens } = await load(Number(requests));
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    `${JSON.stringify({ ttfts, tokens, warmupTokens: warm.tokens, cpuMicros: cpu.user + cpu.system, wallMs })}\n`,
  );
} finally {
  await outcrop.close();
  rmSync(homeDir, { recursive: true, force: true });
}
