// Figure 2: 1 MB of tool-call input JSON in 1,000 deltas. Outcrop accumulates the chunks and parses once;
// pi-ai re-parses the growing buffer on every delta (its parseStreamingJson, as its Bedrock provider does).
// Baseline: one JSON.parse of the whole document. Also the provider end to end over the emulator.
import { parseStreamingJson } from '@mariozechner/pi-ai';
import { createToolInputAccumulator } from '@outcrop/converse-stream';
import type { EmulatorProcess } from './emulator-process.js';
import type { Figure } from './results.js';
import { BENCH_TOOL_NAME, splitInto, TOOL_INPUT_DELTAS, toolInputJson } from './scripts.js';
import { measure, median } from './stats.js';
import { benchOutcrop, outcropModel } from './stream-consumers.js';

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
  const parseOnce: number[] = [];
  const accumulate: number[] = [];
  for (let run = 0; run < options.warmup + options.runs; run++) {
    const a = await measure(async () => JSON.parse(json) as unknown);
    const b = await measure(async () => {
      const acc = createToolInputAccumulator();
      for (const chunk of chunks) acc.push(chunk);
      return acc.parse();
    });
    sameDocument(b.result, json);
    if (run >= options.warmup) {
      parseOnce.push(ms(a.cpuMicros));
      accumulate.push(ms(b.cpuMicros));
    }
  }
  const pi = piAiParse(chunks);
  if (pi.completed === chunks.length) sameDocument(pi.result, json);

  const endToEnd: number[] = [];
  const instance = await benchOutcrop(emulator);
  const tools = [{ name: BENCH_TOOL_NAME, parameters: { type: 'object' } }];
  for (let run = 0; run < options.warmup + options.runs; run++) {
    await emulator.queue('tool1mb', 1);
    const { cpuMicros, result } = await measure(async () => {
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
    sameDocument(result, json);
    if (run >= options.warmup) endToEnd.push(ms(cpuMicros));
  }

  const baseline = { name: 'one JSON.parse of 1 MB', value: median(parseOnce) };
  const outcrop = median(accumulate);
  const e2e = median(endToEnd);
  options.log(
    `  JSON.parse ${baseline.value.toFixed(1)} ms, accumulator ${outcrop.toFixed(1)} ms, pi-ai ${pi.cpuMs.toFixed(0)} ms` +
      ` (${pi.completed}/${chunks.length} deltas), provider end to end ${e2e.toFixed(1)} ms`,
  );
  const group = `Tool-call arguments: ${(json.length / 1e6).toFixed(2)} MB of JSON in ${chunks.length} deltas`;
  const piFinished = pi.completed === chunks.length;
  return [
    { group, name: 'JSON.parse of the whole document (baseline)', value: baseline.value, unit: 'ms CPU' },
    {
      group,
      name: 'Outcrop: converse-stream tool input accumulator (push x1000, parse once)',
      value: outcrop,
      unit: 'ms CPU',
      baseline,
      target: '<= 3x one JSON.parse',
      met: outcrop <= 3 * baseline.value,
    },
    {
      group,
      name: 'pi-ai (peer): parseStreamingJson on the growing buffer per delta',
      value: pi.cpuMs,
      unit: 'ms CPU',
      baseline,
      note: piFinished
        ? 'one run (it is quadratic in the input size, so several runs would take minutes)'
        : `stopped at the ${PI_BUDGET_MS / 1000} s budget after ${pi.completed} of ${chunks.length} deltas: the figure is a lower bound, the full path costs more (it re-parses the whole buffer on every delta, so its cost grows with the square of the input)`,
    },
    {
      group,
      name: 'Outcrop provider stream() end to end over the emulator (1 MB tool call)',
      value: e2e,
      unit: 'ms CPU',
      baseline,
      note: 'includes HTTP/2, frame decoding and the event mapping of 1,005 events; no target, shown for scale',
    },
  ];
}
