// The default model: a deterministic reply derived from the request. It restates the last user message,
// thinks first when thinking is requested of a reasoning model, calls a tool when asked, honours maxTokens
// and stop sequences, and reports cache tokens when cachePoints are present.
import type { CatalogModel } from './catalog-types.js';
import { digest, tokenCount } from './reply-text.js';
import { type ConverseBody, lastUserText, thinkingRequest } from './request-body.js';
import type { Scenario } from './scenario-schema.js';
import { findMarker } from './scenarios.js';

export type ReplyBlock =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string; signature: string }
  | { kind: 'redacted'; data: string }
  | { kind: 'toolUse'; toolUseId: string; name: string; inputJson: string };

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export interface ReplyMessage {
  blocks: ReplyBlock[];
  stopReason: string;
  usage: Usage;
  additionalModelResponseFields?: Record<string, unknown>;
  trace?: Record<string, unknown>;
  /** Echoed from the request, as Bedrock reports the tier and latency mode it used. */
  performanceConfig?: unknown;
  serviceTier?: unknown;
}

const stripMarker = (text: string) => findMarker(text)?.rest ?? text;

export function buildReply(
  body: ConverseBody,
  model: CatalogModel,
  scenario: Scenario | undefined,
  cache: PromptCache,
): ReplyMessage {
  const seed = JSON.stringify(body.messages ?? []);
  const blocks: ReplyBlock[] = [];
  const prompt = lastUserText(body, stripMarker);
  const thinking = thinkingRequest(body);
  if (scenario?.reasoning || (thinking && model.reasoning)) {
    const text = `The user wrote ${prompt.length} characters. I will restate them.`;
    blocks.push({ kind: 'reasoning', text, signature: digest(text + seed, 'base64').repeat(4) });
    if (scenario?.reasoning === 'redacted') {
      blocks.push({ kind: 'redacted', data: Buffer.from(`redacted:${digest(seed)}`).toString('base64') });
    }
  }
  let stopReason = scenario?.stopReason ?? 'end_turn';
  let additional: Record<string, unknown> | undefined;
  let trace: Record<string, unknown> | undefined;
  const tool = toolToCall(body, scenario);
  if (tool) {
    blocks.push({ kind: 'text', text: `Calling ${tool.name}.` });
    const inputJson = JSON.stringify(tool.input);
    blocks.push({
      kind: 'toolUse',
      toolUseId: `tooluse_${digest(seed).slice(0, 22)}`,
      name: tool.name,
      inputJson,
    });
    stopReason = scenario?.stopReason ?? 'tool_use';
  } else if (stopReason === 'guardrail_intervened') {
    blocks.push({ kind: 'text', text: 'Sorry, the model cannot answer this question.' });
    trace = { guardrail: guardrailTrace(body) };
  } else if (stopReason !== 'content_filtered') {
    let text = scenario?.reply ?? (prompt || 'Hello from the Bedrock emulator.');
    const stop = firstStopSequence(text, body.inferenceConfig?.stopSequences);
    if (stop) {
      text = text.slice(0, stop.index);
      stopReason = 'stop_sequence';
    }
    if (body.additionalModelResponseFieldPaths?.includes('/stop_sequence')) {
      additional = { stop_sequence: stop?.sequence ?? null };
    }
    blocks.push({ kind: 'text', text });
  }
  if (stopReason === 'max_tokens' && tool) truncateToolInput(blocks);
  const limited = applyMaxTokens(blocks, body.inferenceConfig?.maxTokens);
  if (limited) stopReason = 'max_tokens';
  const outputTokens = blocks.reduce((sum, block) => sum + tokenCount(blockText(block)), 0);
  return {
    blocks,
    stopReason,
    usage: usageFor(body, model, outputTokens, cache),
    ...(additional ? { additionalModelResponseFields: additional } : {}),
    ...(trace ? { trace } : {}),
    ...(body.performanceConfig ? { performanceConfig: body.performanceConfig } : {}),
    ...(body.serviceTier ? { serviceTier: body.serviceTier } : {}),
  };
}

function blockText(block: ReplyBlock): string {
  if (block.kind === 'toolUse') return block.inputJson;
  if (block.kind === 'redacted') return '';
  return block.text;
}

function toolToCall(
  body: ConverseBody,
  scenario: Scenario | undefined,
): { name: string; input: unknown } | undefined {
  const choice = body.toolConfig?.toolChoice;
  const specs = (body.toolConfig?.tools ?? []).flatMap((tool) => (tool.toolSpec ? [tool.toolSpec] : []));
  const wanted = scenario?.toolCall ?? (choice?.any || choice?.tool ? {} : undefined);
  if (!wanted && scenario?.stopReason !== 'tool_use') return undefined;
  const name = wanted?.name ?? choice?.tool?.name ?? specs[0]?.name ?? 'get_weather';
  const spec = specs.find((candidate) => candidate.name === name);
  const input = wanted?.input ?? sampleInput(spec?.inputSchema?.json, lastUserText(body, stripMarker));
  return { name, input };
}

/** A value that satisfies the common shapes of a JSON schema, derived from the prompt. */
function sampleInput(schema: unknown, prompt: string): unknown {
  const s = (schema ?? {}) as {
    type?: string;
    properties?: Record<string, unknown>;
    enum?: unknown[];
    items?: unknown;
  };
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  switch (s.type) {
    case 'string':
      return prompt.slice(0, 40) || 'value';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [sampleInput(s.items, prompt)];
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(s.properties ?? {})) out[key] = sampleInput(sub, prompt);
      return out;
    }
  }
}

function truncateToolInput(blocks: ReplyBlock[]): void {
  for (const block of blocks) {
    if (block.kind === 'toolUse')
      block.inputJson = block.inputJson.slice(0, Math.floor(block.inputJson.length / 2));
  }
}

/** Cuts the output to `maxTokens` (4 characters per token); true when something was cut. */
function applyMaxTokens(blocks: ReplyBlock[], maxTokens: number | undefined): boolean {
  if (!maxTokens) return false;
  let budget = maxTokens * 4;
  let cut = false;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind === 'redacted') continue;
    const text = blockText(block);
    if (text.length <= budget) {
      budget -= text.length;
      continue;
    }
    cut = true;
    if (block.kind === 'toolUse') block.inputJson = text.slice(0, budget);
    else block.text = text.slice(0, budget);
    blocks.splice(i + 1);
    break;
  }
  return cut;
}

function firstStopSequence(text: string, sequences: string[] | undefined) {
  let best: { index: number; sequence: string } | undefined;
  for (const sequence of sequences ?? []) {
    const index = sequence ? text.indexOf(sequence) : -1;
    if (index >= 0 && (!best || index < best.index)) best = { index, sequence };
  }
  return best;
}

function guardrailTrace(body: ConverseBody): Record<string, unknown> {
  const id = body.guardrailConfig?.guardrailIdentifier ?? 'emulator-guardrail';
  return {
    outputAssessments: {
      [id]: [{ contentPolicy: { filters: [{ type: 'VIOLENCE', confidence: 'HIGH', action: 'BLOCKED' }] } }],
    },
  };
}

/** Remembers cached prompt prefixes, so the first request writes the cache and later ones read it. */
export class PromptCache {
  private readonly seen = new Set<string>();
  has(key: string): boolean {
    return this.seen.has(key);
  }
  add(key: string): void {
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.add(key);
  }
}

function usageFor(body: ConverseBody, model: CatalogModel, outputTokens: number, cache: PromptCache): Usage {
  // Prompt order as the model sees it: tools, system, messages. The prefix up to the last cachePoint is cached.
  const parts: { text: string; cachePoint: boolean }[] = [];
  for (const tool of body.toolConfig?.tools ?? []) {
    parts.push({
      text: tool.toolSpec ? JSON.stringify(tool.toolSpec) : '',
      cachePoint: Boolean(tool.cachePoint),
    });
  }
  for (const block of body.system ?? [])
    parts.push({ text: block.text ?? '', cachePoint: Boolean(block.cachePoint) });
  for (const message of body.messages ?? []) {
    for (const block of message.content ?? []) {
      const text =
        typeof block.text === 'string' ? block.text : block.cachePoint ? '' : JSON.stringify(block);
      parts.push({ text, cachePoint: Boolean(block.cachePoint) });
    }
  }
  const total = parts.reduce((sum, part) => sum + part.text.length, 0);
  const lastPoint = parts.map((part) => part.cachePoint).lastIndexOf(true);
  const base = { inputTokens: Math.ceil(total / 4), outputTokens };
  if (lastPoint < 0) return { ...base, totalTokens: base.inputTokens + outputTokens };
  const prefixParts = parts.slice(0, lastPoint).map((part) => part.text);
  const prefix = prefixParts.join('\u0000');
  const prefixChars = prefixParts.reduce((sum, text) => sum + text.length, 0);
  const cachedTokens = model.promptCaching === false ? 0 : Math.ceil(prefixChars / 4);
  const key = digest(`${model.modelId}\u0000${prefix}`);
  const hit = cache.has(key);
  if (!hit) cache.add(key);
  const inputTokens = Math.ceil((total - prefixChars) / 4);
  const read = hit ? cachedTokens : 0;
  const write = hit ? 0 : cachedTokens;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens + read + write,
    cacheReadInputTokens: read,
    cacheWriteInputTokens: write,
  };
}
