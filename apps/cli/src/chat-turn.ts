// One chat turn: consume the provider's typed stream, show it as it arrives (reply on stdout, reasoning
// dimmed on stderr so a piped reply stays clean), and return what the conversation needs to continue.
import { formatUsd } from './format.js';
import type { Terminal } from './terminal.js';
import type { StreamPart } from './upstream.js';

type Finish = Extract<StreamPart, { type: 'finish' }>;
type Failure = Extract<StreamPart, { type: 'error' }>;

export interface AssistantBlock {
  type: 'text' | 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
}

export interface TurnResult {
  text: string;
  reasoning: string;
  blocks: AssistantBlock[];
  finish?: Finish;
  error?: Failure['error'];
  warnings: Array<{ code: string; message: string }>;
  model?: { provider: string; id: string };
}

export interface RenderOptions {
  /** Stream text to the terminal as it arrives (off for --json). */
  live: boolean;
  hideReasoning: boolean;
}

export async function runTurn(
  term: Terminal,
  parts: AsyncIterable<StreamPart>,
  options: RenderOptions,
): Promise<TurnResult> {
  const result: TurnResult = { text: '', reasoning: '', blocks: [], warnings: [] };
  const blocks = new Map<string, AssistantBlock>();
  let showingReasoning = false;
  let endsWithNewline = true;

  const closeReasoning = () => {
    if (showingReasoning) term.writeErr('\n\n');
    showingReasoning = false;
  };

  for await (const part of parts) {
    switch (part.type) {
      case 'stream-start':
        result.model = { provider: part.model.provider, id: part.model.id };
        break;
      case 'warning':
        result.warnings.push({ code: part.warning.code, message: part.warning.message });
        if (options.live) term.note(term.err.yellow(`warning: ${part.warning.message}`));
        break;
      case 'text-start':
      case 'reasoning-start': {
        const block: AssistantBlock = { type: part.type === 'text-start' ? 'text' : 'reasoning', text: '' };
        blocks.set(part.id, block);
        result.blocks.push(block);
        break;
      }
      case 'text-delta':
        closeReasoning();
        blockFor(blocks, result, part.id, 'text').text += part.delta;
        result.text += part.delta;
        if (options.live && part.delta) {
          term.write(part.delta);
          endsWithNewline = part.delta.endsWith('\n');
        }
        break;
      case 'reasoning-delta':
        blockFor(blocks, result, part.id, 'reasoning').text += part.delta;
        result.reasoning += part.delta;
        if (options.live && !options.hideReasoning && part.delta) {
          if (!showingReasoning) term.writeErr(term.err.dim(term.err.italic('thinking… ')));
          showingReasoning = true;
          term.writeErr(term.err.dim(part.delta));
        }
        break;
      case 'reasoning-end': {
        const block = blockFor(blocks, result, part.id, 'reasoning');
        if (part.signature) block.signature = part.signature;
        if (part.redactedData) block.redactedData = part.redactedData;
        break;
      }
      case 'finish':
        result.finish = part;
        break;
      case 'error':
        result.error = part.error;
        break;
      default:
        break; // text-end, tool calls: the CLI offers no tools, so a model cannot call any.
    }
  }
  closeReasoning();
  if (options.live && !endsWithNewline) term.write('\n');
  return result;
}

function blockFor(
  blocks: Map<string, AssistantBlock>,
  result: TurnResult,
  id: string,
  type: AssistantBlock['type'],
): AssistantBlock {
  let block = blocks.get(id);
  if (!block) {
    block = { type, text: '' };
    blocks.set(id, block);
    result.blocks.push(block);
  }
  return block;
}

/** "12 in · 340 out · $0.0012 · 1.3s · amazon-bedrock/…" for stderr after a reply. */
export function usageLine(finish: Finish, elapsedMs: number): string {
  const usage = finish.usage;
  const parts = [`${usage.inputTokens} in`, `${usage.outputTokens} out`];
  if (usage.cacheReadTokens) parts.push(`${usage.cacheReadTokens} cache read`);
  if (usage.cacheWriteTokens) parts.push(`${usage.cacheWriteTokens} cache write`);
  parts.push(finish.cost ? formatUsd(finish.cost.total) : 'cost unknown');
  parts.push(`${(elapsedMs / 1000).toFixed(1)}s`);
  parts.push(`${finish.response.provider}/${finish.response.modelId}`);
  if (finish.finishReason !== 'stop') parts.push(`stopped: ${finish.rawStopReason}`);
  return parts.join(' · ');
}
