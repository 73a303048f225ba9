// Tool-call path: the same 1 MB tool call (1,000 input deltas) consumed by the raw AWS SDK, concatenating
// the `toolUse.input` deltas and parsing once, and by the Bedrock provider's stream() taking the parsed arguments
// from `tool-call-end`. Client CPU per call, interleaved runs, same emulator process. Target <= 0.8x raw SDK.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { closeConverseClients } from '@outcrop/converse-stream';
import { resolveBedrockConnection } from '@outcrop/credentials';
import { createBedrockProvider } from '@outcrop/provider/bedrock';
import type { EmulatorProcess } from './emulator-process.js';
import type { Figure } from './results.js';
import { BENCH_TOOL_NAME, TOOL_INPUT_DELTAS, toolInputJson } from './scripts.js';
import { measure, median } from './stats.js';
import { BENCH_MODEL_ID, outcropModel } from './stream-consumers.js';

const TARGET = 0.8;

export async function benchToolPath(
  emulator: EmulatorProcess,
  options: { runs: number; warmup: number; log: (line: string) => void },
): Promise<Figure[]> {
  const connection = await resolveBedrockConnection({
    env: emulator.env,
    homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-bench-home-')),
  });
  const json = toolInputJson();
  const toolSpec = { name: BENCH_TOOL_NAME, inputSchema: { json: { type: 'object' } } };
  const raw = new BedrockRuntimeClient({ ...connection.clientConfig('bedrock-runtime'), maxAttempts: 1 });
  const bedrock = createBedrockProvider({ connection, transport: { maxAttempts: 1 } });
  const rawSdk = async (): Promise<unknown> => {
    const output = await raw.send(
      new ConverseStreamCommand({
        modelId: BENCH_MODEL_ID,
        messages: [{ role: 'user', content: [{ text: 'bench' }] }],
        toolConfig: { tools: [{ toolSpec }] },
      }),
    );
    const chunks: string[] = [];
    for await (const event of output.stream!) {
      const input = event.contentBlockDelta?.delta?.toolUse?.input;
      if (input !== undefined) chunks.push(input);
    }
    return JSON.parse(chunks.join(''));
  };
  const tools = [{ name: BENCH_TOOL_NAME, parameters: { type: 'object' } }];
  const provider = async (): Promise<unknown> => {
    let args: unknown;
    for await (const part of bedrock.stream(outcropModel, {
      messages: [{ role: 'user', content: 'bench' }],
      tools,
    })) {
      if (part.type === 'tool-call-end') args = part.arguments;
      else if (part.type === 'error') throw part.error;
    }
    return args;
  };

  const samples = { rawSdk: [] as number[], provider: [] as number[] };
  // A call takes tens of ms of CPU on a shared machine: three times the usual runs keep the median steady.
  const runs = options.runs * 3;
  try {
    for (let run = 0; run < options.warmup + runs; run++) {
      // Alternate which goes first so neither always runs on a warmer heap.
      const order = run % 2 ? (['provider', 'rawSdk'] as const) : (['rawSdk', 'provider'] as const);
      for (const name of order) {
        await emulator.queue('tool1mb', 1);
        const { cpuMicros, result } = await measure(name === 'rawSdk' ? rawSdk : provider);
        if (JSON.stringify(result) !== json)
          throw new Error(`${name}: the tool input differs from the one sent`);
        if (run >= options.warmup) samples[name].push(cpuMicros / 1000);
      }
    }
  } finally {
    raw.destroy();
    closeConverseClients();
  }
  const baseline = { name: 'raw AWS SDK, concatenate and parse', value: median(samples.rawSdk) };
  const value = median(samples.provider);
  options.log(
    `  raw SDK ${baseline.value.toFixed(1)} ms, provider ${value.toFixed(1)} ms (${(value / baseline.value).toFixed(2)}x)`,
  );
  const group = `Tool-call path: a 1 MB tool call in ${TOOL_INPUT_DELTAS} deltas, client CPU per call`;
  return [
    { group, name: baseline.name, value: baseline.value, unit: 'ms CPU' },
    {
      group,
      name: 'Outcrop provider stream(): parsed arguments from tool-call-end',
      value,
      unit: 'ms CPU',
      baseline,
      target: `<= ${TARGET}x raw SDK`,
      met: value <= TARGET * baseline.value,
    },
  ];
}
