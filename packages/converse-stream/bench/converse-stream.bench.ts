// CPU per event: converseStream vs iterating the raw SDK stream, over the same 20k-event response from
// the emulator (delays off, emulator in a child process), in the same run. Median of several runs each.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { closeConverseClients, converseStream } from '@outcrop/converse-stream';
import { resolveBedrockConnection } from '@outcrop/credentials';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUP = 2;

function startChild(): Promise<{ child: ChildProcess; env: Record<string, string>; events: number }> {
  const child = fork(fileURLToPath(new URL('./emulator-child.js', import.meta.url)), {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: { ready?: { env: Record<string, string>; events: number } }) => {
      if (message.ready) resolve({ child, ...message.ready });
    });
  });
}

function queue(child: ChildProcess, n: number): Promise<void> {
  return new Promise((resolve) => {
    child.once('message', () => resolve());
    child.send({ push: n });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function cpuMicros(run: () => Promise<number>, expected: number): Promise<number> {
  const before = process.cpuUsage();
  const count = await run();
  const used = process.cpuUsage(before);
  if (count !== expected) throw new Error(`expected ${expected} events, got ${count}`);
  return used.user + used.system;
}

async function main(): Promise<void> {
  const { child, env, events } = await startChild();
  try {
    const connection = await resolveBedrockConnection({
      env,
      homeDir: mkdtempSync(join(tmpdir(), 'outcrop-bench-')),
    });
    const input = {
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: [{ role: 'user' as const, content: [{ text: 'bench' }] }],
    };
    const raw = new BedrockRuntimeClient({ ...connection.clientConfig('bedrock-runtime'), maxAttempts: 1 });
    const viaSdk = async () => {
      const output = await raw.send(new ConverseStreamCommand(input));
      let n = 0;
      for await (const _ of output.stream!) n++;
      return n;
    };
    const viaOutcrop = async () => {
      let n = 0;
      for await (const _ of converseStream(input, { connection })) n++;
      return n;
    };
    const sdk: number[] = [];
    const outcrop: number[] = [];
    await queue(child, 2 * (RUNS + WARMUP));
    for (let i = 0; i < RUNS + WARMUP; i++) {
      // Alternate so drift (JIT, GC, thermal) hits both sides alike.
      const a = await cpuMicros(viaSdk, events);
      const b = await cpuMicros(viaOutcrop, events);
      if (i >= WARMUP) {
        sdk.push(a / events);
        outcrop.push(b / events);
      }
    }
    const sdkMedian = median(sdk);
    const outcropMedian = median(outcrop);
    console.log(
      `converse-stream bench: ${events} events per response, ${RUNS} runs each (after ${WARMUP} warm-up)`,
    );
    console.log(
      `  raw SDK stream     ${sdkMedian.toFixed(3)} µs/event CPU (median; runs ${sdk.map((v) => v.toFixed(2)).join(' ')})`,
    );
    console.log(
      `  converseStream     ${outcropMedian.toFixed(3)} µs/event CPU (median; runs ${outcrop.map((v) => v.toFixed(2)).join(' ')})`,
    );
    console.log(`  ratio              ${(outcropMedian / sdkMedian).toFixed(3)}x  (target <= 1.2x)`);
    raw.destroy();
    closeConverseClients();
  } finally {
    child.send({ stop: true });
  }
}

await main();
