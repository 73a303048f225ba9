// Pre-flight cost: the capability checks the Bedrock provider runs before every call, on a 20-turn
// conversation with 8 tools and a tool round trip per turn, for a model the capability table knows (so every
// rule runs, the context-window estimate included). The request mapping is measured alongside for scale.

import { lookupCapabilities } from '@outcrop/discovery';
import type { Context, ModelSpec } from '@outcrop/provider';
import { checkPreflight, modelTraits, toConverseStreamRequest } from '@outcrop/provider/bedrock';
import type { Figure } from './results.js';
import { percentile } from './stats.js';

const TARGET_MICROS = 50;
const BATCH = 200;

export function preflightContext(turns = 20, toolCount = 8): Context {
  const tools = Array.from({ length: toolCount }, (_, i) => ({
    name: `tool_${i}`,
    description: `Tool number ${i}: looks something up and returns a short JSON answer.`,
    parameters: {
      type: 'object',
      properties: { query: { type: 'string' }, limit: { type: 'integer' } },
      required: ['query'],
    },
  }));
  const messages: Context['messages'] = [];
  for (let t = 0; t < turns; t++) {
    messages.push({
      role: 'user',
      content: `Question ${t}: ${'please look this up and summarise it. '.repeat(8)}`,
    });
    if (t === turns - 1) break;
    messages.push({
      role: 'assistant',
      content: [
        { type: 'text', text: `Looking up ${t}.` },
        {
          type: 'tool-call',
          toolCallId: `call_${t}`,
          toolName: `tool_${t % toolCount}`,
          arguments: { query: `q${t}` },
        },
      ],
    });
    messages.push({
      role: 'tool',
      toolCallId: `call_${t}`,
      toolName: `tool_${t % toolCount}`,
      content: `{"answer":"result ${t}"}`,
    });
    messages.push({
      role: 'assistant',
      content: [{ type: 'text', text: `Answer ${t}: ${'a fine answer. '.repeat(10)}` }],
    });
  }
  return { system: 'You are a careful assistant.', messages, tools };
}

export function benchPreflight(options: { runs: number; log: (line: string) => void }): Figure[] {
  const model: ModelSpec = {
    provider: 'amazon-bedrock',
    api: 'bedrock-converse-stream',
    id: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  };
  const context = preflightContext();
  const { request } = toConverseStreamRequest(model, context, {}, lookupCapabilities);
  const traits = modelTraits(model, lookupCapabilities);
  const check = () => checkPreflight({ request, context, options: {}, traits, modelId: model.id });
  const map = () => toConverseStreamRequest(model, context, {}, lookupCapabilities);
  const perCall = (work: () => unknown): number[] => {
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) for (let j = 0; j < BATCH; j++) work(); // warm up
    for (let run = 0; run < options.runs * 20; run++) {
      const start = process.hrtime.bigint();
      for (let j = 0; j < BATCH; j++) work();
      samples.push(Number(process.hrtime.bigint() - start) / 1000 / BATCH);
    }
    return samples;
  };
  const checks = perCall(check);
  const mapping = perCall(map);
  const p50 = percentile(checks, 50);
  const mapP50 = percentile(mapping, 50);
  options.log(
    `  pre-flight checks p50 ${p50.toFixed(2)} µs (p99 ${percentile(checks, 99).toFixed(2)}), request mapping p50 ${mapP50.toFixed(1)} µs`,
  );
  const group = `Pre-flight cost: ${context.messages.length} messages (20 user turns) with ${context.tools?.length} tools, per call`;
  return [
    {
      group,
      name: 'Bedrock pre-flight capability checks (p50 of batches)',
      value: p50,
      unit: 'µs',
      target: `<= ${TARGET_MICROS} µs p50`,
      met: p50 <= TARGET_MICROS,
    },
    {
      group,
      name: 'Request mapping (context -> Converse request), for scale',
      value: mapP50,
      unit: 'µs',
      note: 'mapping is not part of the target: it runs with or without the checks',
    },
  ];
}
