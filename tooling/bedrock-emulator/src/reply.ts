// The default model: a deterministic reply derived from the request. It restates the last user message,
// thinks first when thinking is requested of a reasoning model, calls a tool when asked, honours maxTokens
// and stop sequences, and reports cache tokens when cachePoints are present.
import type { CatalogModel } from './catalog-types.js';
import { citedBlock } from './citations.js';
import { inputIntervention, outputIntervention } from './guardrail-interventions.js';
import { blockedInputText, type GuardrailRequest, guardedInput, wordAssessment } from './guardrails.js';
import { promptParts } from './prompt-tokens.js';
import type { ReplyBlock } from './reply-block.js';
import { digest, tokenCount } from './reply-text.js';
import { type ConverseBody, lastUserText, thinkingRequest } from './request-body.js';
import type { Scenario } from './scenario-schema.js';
import { findMarker } from './scenarios.js';
import { outputSchema, sampleValue } from './structured-output.js';
import { signThinking } from './thinking-signatures.js';

export type { ReplyBlock } from './reply-block.js';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  cacheDetails?: { ttl: string; inputTokens: number }[];
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

export interface ReplyOptions {
  guardrail?: GuardrailRequest;
  /** ConverseStream (guardrails in async mode let text through until they intervene). */
  streaming?: boolean;
}

export function buildReply(
  body: ConverseBody,
  model: CatalogModel,
  scenario: Scenario | undefined,
  cache: PromptCache,
  options: ReplyOptions = {},
): ReplyMessage {
  const seed = JSON.stringify(body.messages ?? []);
  const prompt = lastUserText(body, stripMarker);
  const blockedInput = options.guardrail && inputIntervention(body, options.guardrail);
  if (blockedInput) {
    const blocks: ReplyBlock[] = [{ kind: 'text', text: blockedInputText(options.guardrail!.guardrail) }];
    return {
      blocks,
      stopReason: 'guardrail_intervened',
      usage: usageFor(body, model, tokenCount(blockText(blocks[0]!)), cache),
      ...(blockedInput.trace ? { trace: blockedInput.trace } : {}),
      ...echoedConfig(body, model),
    };
  }
  const blocks: ReplyBlock[] = [];
  const thinking = thinkingRequest(body);
  if (scenario?.reasoning || (thinking && model.reasoning)) {
    const text = `The user wrote ${prompt.length} characters. I will restate them.`;
    blocks.push({ kind: 'reasoning', text, signature: signThinking(text) });
    if (scenario?.reasoning === 'redacted') {
      blocks.push({ kind: 'redacted', data: Buffer.from(`redacted:${digest(seed)}`).toString('base64') });
    }
  }
  let stopReason = scenario?.stopReason ?? 'end_turn';
  let additional: Record<string, unknown> | undefined;
  let trace: Record<string, unknown> | undefined;
  const tool = toolToCall(body, scenario);
  if (tool) {
    // Claude's shape: a forced tool (`any`, `tool`) is the first content block, with no preamble.
    if (!tool.forced) blocks.push({ kind: 'text', text: `Calling ${tool.name}.` });
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
    const schema = outputSchema(body);
    let text =
      scenario?.reply ??
      (schema !== undefined
        ? JSON.stringify(sampleValue(JSON.parse(schema), prompt))
        : prompt || 'Hello from the Bedrock emulator.');
    const stop = firstStopSequence(text, body.inferenceConfig?.stopSequences);
    if (stop) {
      text = text.slice(0, stop.index);
      stopReason = 'stop_sequence';
    }
    if (body.additionalModelResponseFieldPaths?.includes('/stop_sequence')) {
      additional = { stop_sequence: stop?.sequence ?? null };
    }
    blocks.push({ kind: 'text', text });
    const cited = schema === undefined ? citedBlock(body) : undefined;
    if (cited) blocks.push(cited);
  }
  if (options.guardrail) {
    const outcome = outputIntervention(blocks, options.guardrail, options.streaming === true);
    if (outcome) {
      blocks.splice(0, blocks.length, ...outcome.blocks);
      stopReason = 'guardrail_intervened';
      trace = outcome.trace;
    } else if (!trace && options.guardrail.trace !== 'disabled') {
      trace = {
        guardrail: {
          inputAssessment: {
            [options.guardrail.guardrail.id]: wordAssessment([], guardedInput(body).length),
          },
        },
      };
    }
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
    ...echoedConfig(body, model),
  };
}

/** performanceConfig and serviceTier as Bedrock reports them: latency-optimized only where the model has it. */
function echoedConfig(body: ConverseBody, model: CatalogModel): Partial<ReplyMessage> {
  const latency = (body.performanceConfig as { latency?: string } | undefined)?.latency;
  const served = latency === 'optimized' && model.latencyOptimized === false ? 'standard' : latency;
  return {
    ...(latency ? { performanceConfig: { latency: served } } : {}),
    ...(body.serviceTier ? { serviceTier: body.serviceTier } : {}),
  };
}

function blockText(block: ReplyBlock): string {
  if (block.kind === 'toolUse') return block.inputJson;
  if (block.kind === 'cited') return block.text;
  if (block.kind === 'redacted') return '';
  return block.text;
}

function toolToCall(
  body: ConverseBody,
  scenario: Scenario | undefined,
): { name: string; input: unknown; forced: boolean } | undefined {
  const choice = body.toolConfig?.toolChoice;
  const specs = (body.toolConfig?.tools ?? []).flatMap((tool) => (tool.toolSpec ? [tool.toolSpec] : []));
  const forced = Boolean(choice?.any || choice?.tool);
  const asked = forced ? undefined : askedTool(body, specs);
  const wanted = scenario?.toolCall ?? (forced ? {} : asked ? { name: asked } : undefined);
  if (!wanted && scenario?.stopReason !== 'tool_use') return undefined;
  const name = wanted?.name ?? choice?.tool?.name ?? specs[0]?.name ?? 'get_weather';
  const spec = specs.find((candidate) => candidate.name === name);
  const input = wanted?.input ?? sampleInput(spec?.inputSchema?.json, lastUserText(body, stripMarker));
  return { name, input, forced: forced && !scenario?.toolCall };
}

/**
 * The documented `auto` rule: the model calls a tool when the last user message is text (not tool results)
 * that names a tool of toolConfig, matched as a whole word, case-insensitively; the first tool named wins.
 */
function askedTool(body: ConverseBody, specs: { name?: string }[]): string | undefined {
  const last = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
  if (!last || (last.content ?? []).some((block) => block.toolResult)) return undefined;
  const text = lastUserText(body, stripMarker).toLowerCase();
  let best: { name: string; at: number } | undefined;
  for (const spec of specs) {
    if (!spec.name) continue;
    const match = new RegExp(
      `(^|[^a-z0-9_-])${spec.name.toLowerCase().replace(/[-]/g, '\\-')}($|[^a-z0-9_-])`,
    ).exec(text);
    if (match && (!best || match.index < best.at)) best = { name: spec.name, at: match.index };
  }
  return best?.name;
}

/** A value that satisfies the tool's JSON schema, derived from the prompt. */
function sampleInput(schema: unknown, prompt: string): unknown {
  return sampleValue(schema ?? { type: 'object' }, prompt);
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
  // Each cache point caches the prompt before it (tools, system, messages), when that prefix reaches the
  // model's minimum (prompt-caching.html: a shorter prefix is not cached, without an error). Writes are
  // reported per TTL in cacheDetails.
  const parts = promptParts(body);
  const total = parts.reduce((sum, part) => sum + part.chars, 0);
  const points = parts.flatMap((part, index) =>
    part.cachePoint ? [{ index, ttl: part.cachePoint.ttl }] : [],
  );
  const base = { inputTokens: Math.ceil(total / 4), outputTokens };
  if (points.length === 0) return { ...base, totalTokens: base.inputTokens + outputTokens };
  let cachedChars = 0;
  let read = 0;
  let write = 0;
  const written = new Map<string, number>();
  for (const { index, ttl } of points) {
    const prefix = parts.slice(0, index);
    const prefixChars = prefix.reduce((sum, part) => sum + part.chars, 0);
    if (Math.ceil(prefixChars / 4) < (model.cacheMinTokens ?? 0) || prefixChars <= cachedChars) continue;
    const tokens = Math.ceil((prefixChars - cachedChars) / 4);
    const key = digest(`${model.modelId}\u0000${prefix.map((part) => part.key).join('\u0000')}`);
    if (cache.has(key)) read += tokens;
    else {
      cache.add(key);
      write += tokens;
      written.set(ttl, (written.get(ttl) ?? 0) + tokens);
    }
    cachedChars = prefixChars;
  }
  const inputTokens = Math.ceil((total - cachedChars) / 4);
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens + read + write,
    cacheReadInputTokens: read,
    cacheWriteInputTokens: write,
    ...(written.size > 0
      ? { cacheDetails: [...written].map(([ttl, tokens]) => ({ ttl, inputTokens: tokens })) }
      : {}),
  };
}
