// Figure 2: 1 MB of tool-call input JSON in 1,000 deltas, over the emulator. The provider's real tool path
// (stream() to its tool-call-end part) beside the raw AWS SDK doing the least a client can: concatenate the
// deltas and JSON.parse once. pi-ai's per-delta parse (parseStreamingJson on the growing buffer, as its Bedrock
// provider does) is timed on the same chunks under a budget. Scale: one JSON.parse of the whole document.
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { parseStreamingJson } from '@mariozechner/pi-ai';
import type { EmulatorProcess } from './emulator-process.js';
import type { Figure } from './results.js';
import { BENCH_TOOL_NAME, splitInto, TOOL_INPUT_DELTAS, toolInputJson } from './scripts.js';
import { measure, median } from './stats.js';
import { BENCH_MODEL_ID, benchOutcrop, outcropModel } from './stream-consumers.js';

const PI_BUDGET_MS = Number(process.env.BENCH_PI_TOOL_BUDGET_MS ?? 15_000);

const ms = (cpuMicros: number) => cpuMicros / 1000;

function sameDocument(parsed: unknown, json: string): void {
  if (JSON.stringify(parsed) !== json)
    throw new Error('the parsed tool input differs from the document sent');
}

/** pi-ai's per-delta path, stopped at a time budget; `completed` says how many deltas it got through. */
function piAiParse(chunks: string[]): { cpuMs: number; completed: number; result: unknown } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let buffer = '';
  let result: unknown;
  let completed = 0;
  for (const chunk of chunks) {
    buffer += chunk;
    result = parseStreamingJson(buffer);
    completed++;
    if (performance.now() - start > PI_BUDGET_MS) break;
  }
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, completed, result };
}

export async function benchToolArgs(
  emulator: EmulatorProcess,
  options: { runs: number; warmup: number; log: (line: string) => void },
): Promise<Figure[]> {
  const json = toolInputJson();
  const chunks = splitInto(json, TOOL_INPUT_DELTAS);
  const tools = [{ name: BENCH_TOOL_NAME, parameters: { type: 'object' } }];
  const raw = new BedrockRuntimeClient({
    region: emulator.region,
    endpoint: emulator.url,
    credentials: emulator.credentials,
    maxAttempts: 1,
  });
  const rawInput = {
    modelId: BENCH_MODEL_ID,
    messages: [{ role: 'user' as const, content: [{ text: 'bench' }] }],
    toolConfig: {
      tools: [{ toolSpec: { name: BENCH_TOOL_NAME, inputSchema: { json: { type: 'object' } } } }],
    },
  };
  const instance = await benchOutcrop(emulator);
  const parseOnce: number[] = [];
  const rawSdk: number[] = [];
  const provider: number[] = [];
  try {
    for (let run = 0; run < options.warmup + options.runs; run++) {
      const a = await measure(async () => JSON.parse(json) as unknown);
      await emulator.queue('tool1mb', 1);
      const b = await measure(async () => {
        const output = await raw.send(new ConverseStreamCommand(rawInput));
        const parts: string[] = [];
        for await (const event of output.stream!) {
          const input = event.contentBlockDelta?.delta?.toolUse?.input;
          if (input !== undefined) parts.push(input);
        }
        return JSON.parse(parts.join('')) as unknown;
      });
      sameDocument(b.result, json);
      await emulator.queue('tool1mb', 1);
      const c = await measure(async () => {
        let args: unknown;
        for await (const part of instance.stream(outcropModel, {
          messages: [{ role: 'user', content: 'bench' }],
          tools,
        })) {
          if (part.type === 'tool-call-end') args = part.arguments;
          else if (part.type === 'error') throw part.error;
        }
        return args;
      });
      sameDocument(c.result, json);
      if (run >= options.warmup) {
        parseOnce.push(ms(a.cpuMicros));
        rawSdk.push(ms(b.cpuMicros));
        provider.push(ms(c.cpuMicros));
      }
    }
  } finally {
    raw.destroy();
    await instance.close();
  }
  const pi = piAiParse(chunks);
  const piFinished = pi.completed === chunks.length;
  if (piFinished) sameDocument(pi.result, json);

  const scale = { name: 'one JSON.parse of 1 MB', value: median(parseOnce) };
  const rawPath = { name: 'raw SDK: concatenate + one JSON.parse', value: median(rawSdk) };
  options.log(
    `  JSON.parse ${scale.value.toFixed(1)} ms, raw SDK concatenate+parse ${rawPath.value.toFixed(1)} ms, provider ` +
      `${median(provider).toFixed(1)} ms, pi-ai parse per delta ${pi.cpuMs.toFixed(0)} ms (${pi.completed}/${chunks.length} deltas)`,
  );
  const group = `Tool-call arguments: ${(json.length / 1e6).toFixed(2)} MB of JSON in ${chunks.length} deltas`;
  const endOnly =
    'delivers the arguments once, parsed, at the end of the block; no partial arguments while they stream';
  return [
    {
      group,
      name: 'one JSON.parse of the whole document (scale)',
      value: scale.value,
      unit: 'ms CPU',
      kind: 'cpu',
    },
    {
      group,
      name: 'raw AWS SDK over the emulator: concatenate the deltas + one JSON.parse',
      value: rawPath.value,
      unit: 'ms CPU',
      kind: 'cpu',
      baseline: scale,
      feature: `the least a client can do: ${endOnly}`,
    },
    {
      group,
      name: "Outcrop provider stream() over the emulator: its real tool path, to 'tool-call-end'",
      value: median(provider),
      unit: 'ms CPU',
      kind: 'cpu',
      baseline: rawPath,
      target: '<= 0.8x the raw SDK path',
      check: { on: 'ratio', op: '<=', limit: 0.8 },
      met: median(provider) <= 0.8 * rawPath.value,
      feature: `also emits tool-call start/delta/end parts with the raw text of each delta; ${endOnly}`,
    },
    {
      group,
      name: 'pi-ai (peer): parseStreamingJson on the growing buffer after every delta (parse only, no network)',
      value: pi.cpuMs,
      unit: 'ms CPU',
      kind: 'cpu',
      baseline: scale,
      ...(piFinished ? {} : { lowerBound: true }),
      feature:
        'emits the partially parsed arguments with every delta (its toolcall_delta events), which needs a parse ' +
        'of the whole buffer so far each time; Outcrop and the raw SDK path do not offer partial arguments',
      note: piFinished
        ? 'one run per full run (quadratic in the input size)'
        : `stopped at the ${PI_BUDGET_MS / 1000} s budget after ${pi.completed} of ${chunks.length} deltas, so the full path costs more`,
    },
  ];
}
