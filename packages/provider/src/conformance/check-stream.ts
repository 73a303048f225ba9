// Structural rules every provider's stream must obey, checked on a recorded list of parts.
import { isDeepStrictEqual } from 'node:util';
import { ERROR_CODES, isProviderErrorCode } from '../error-codes.js';
import { ProviderError } from '../errors.js';
import { isTerminalPart, type StreamPart } from '../stream-parts.js';

export interface ConformanceViolation {
  /** Index of the offending part (-1 for the stream as a whole). */
  index: number;
  rule: string;
  message: string;
}

const FINISH_REASONS = new Set(['stop', 'length', 'tool-calls', 'content-filter', 'error', 'other']);
type BlockKind = 'text' | 'reasoning' | 'tool-call';
interface BlockState {
  kind: BlockKind;
  ended: boolean;
  args: string;
}

/** Returns every violation of the stream rules; an empty list means the stream conforms. */
export function checkStreamParts(parts: readonly StreamPart[]): ConformanceViolation[] {
  const violations: ConformanceViolation[] = [];
  const fail = (index: number, rule: string, message: string) => violations.push({ index, rule, message });
  const blocks = new Map<string, BlockState>();

  const terminals = parts.flatMap((part, index) => (isTerminalPart(part) ? [index] : []));
  if (terminals.length !== 1)
    fail(-1, 'one-terminal', `expected exactly one terminal part, got ${terminals.length}`);
  if (terminals.length && terminals[0] !== parts.length - 1)
    fail(terminals[0]!, 'terminal-last', 'parts after terminal');

  parts.forEach((part, index) => {
    switch (part.type) {
      case 'stream-start':
        if (index !== 0) fail(index, 'stream-start-first', 'stream-start must be the first part');
        return;
      case 'warning':
        if (typeof part.warning?.code !== 'string' || typeof part.warning.message !== 'string') {
          fail(index, 'warning-shape', 'a warning needs a code and a message');
        }
        return;
      case 'text-start':
      case 'reasoning-start':
      case 'tool-call-start': {
        const kind = part.type.slice(0, -'-start'.length) as BlockKind;
        if (blocks.has(part.id)) fail(index, 'block-id-unique', `block id "${part.id}" started twice`);
        blocks.set(part.id, { kind, ended: false, args: '' });
        if (part.type === 'tool-call-start' && (!part.toolCallId || !part.toolName)) {
          fail(index, 'tool-call-ids', 'tool-call-start needs a toolCallId and a toolName');
        }
        return;
      }
      case 'text-delta':
      case 'reasoning-delta':
      case 'tool-call-delta': {
        const block = openBlock(
          part.id,
          part.type.slice(0, -'-delta'.length) as BlockKind,
          index,
          fail,
          blocks,
        );
        if (block && part.type === 'tool-call-delta') block.args += part.argumentsDelta;
        if (part.type !== 'tool-call-delta' && typeof part.delta !== 'string') {
          fail(index, 'delta-text', 'delta must be a string');
        }
        return;
      }
      case 'text-end':
      case 'reasoning-end':
      case 'tool-call-end': {
        const block = openBlock(
          part.id,
          part.type.slice(0, -'-end'.length) as BlockKind,
          index,
          fail,
          blocks,
        );
        if (!block) return;
        block.ended = true;
        if (part.type === 'tool-call-end') checkToolCallEnd(part, block.args, index, fail);
        return;
      }
      case 'citation':
        openBlock(part.id, 'text', index, fail, blocks);
        return;
      case 'finish':
        checkFinish(part, index, fail);
        for (const [id, block] of blocks) {
          if (!block.ended) fail(index, 'blocks-closed', `${block.kind} block "${id}" was never ended`);
        }
        return;
      case 'error':
        checkError(part.error, index, fail);
        return;
      default:
        fail(index, 'known-part', `unknown part type ${(part as { type?: unknown }).type}`);
    }
  });
  return violations;
}

type Fail = (index: number, rule: string, message: string) => void;

function openBlock(id: string, kind: BlockKind, index: number, fail: Fail, blocks: Map<string, BlockState>) {
  const block = blocks.get(id);
  if (!block) fail(index, 'start-before-delta', `block "${id}" used before its start part`);
  else if (block.kind !== kind)
    fail(index, 'block-kind', `block "${id}" is a ${block.kind} block, not ${kind}`);
  else if (block.ended) fail(index, 'nothing-after-end', `block "${id}" used after its end part`);
  else return block;
  return undefined;
}

function checkToolCallEnd(
  part: Extract<StreamPart, { type: 'tool-call-end' }>,
  streamedArgs: string,
  index: number,
  fail: Fail,
): void {
  if (part.rawArguments !== streamedArgs) {
    fail(index, 'tool-args-raw', 'rawArguments must equal the concatenated argument deltas');
  }
  if (part.argumentsError !== undefined) return;
  let parsed: unknown;
  try {
    parsed = part.rawArguments.trim() === '' ? {} : JSON.parse(part.rawArguments);
  } catch {
    fail(index, 'tool-args-error', 'arguments are not valid JSON but no argumentsError was reported');
    return;
  }
  if (!isDeepStrictEqual(parsed, part.arguments)) {
    fail(index, 'tool-args-parsed', 'arguments must be the parsed rawArguments');
  }
}

function checkFinish(part: Extract<StreamPart, { type: 'finish' }>, index: number, fail: Fail): void {
  if (!FINISH_REASONS.has(part.finishReason))
    fail(index, 'finish-reason', `unknown reason ${part.finishReason}`);
  if (typeof part.rawStopReason !== 'string')
    fail(index, 'raw-stop-reason', 'rawStopReason must be a string');
  const usage = part.usage;
  const counts = [usage?.inputTokens, usage?.outputTokens, usage?.cacheReadTokens, usage?.cacheWriteTokens];
  if (!usage || ![...counts, usage.totalTokens].every((n) => Number.isInteger(n) && (n as number) >= 0)) {
    fail(index, 'usage-shape', 'usage needs non-negative integer token counts');
  } else if (usage.totalTokens < usage.inputTokens + usage.outputTokens) {
    fail(index, 'usage-total', 'totalTokens is less than input + output');
  }
  if (part.cost) {
    const sum = part.cost.input + part.cost.output + part.cost.cacheRead + part.cost.cacheWrite;
    if (Math.abs(sum - part.cost.total) > 1e-9)
      fail(index, 'cost-total', 'cost.total is not the sum of its parts');
  }
  if (typeof part.response?.modelId !== 'string')
    fail(index, 'response-model', 'response.modelId is required');
}

function checkError(error: unknown, index: number, fail: Fail): void {
  if (!ProviderError.isInstance(error) || !(error instanceof Error)) {
    fail(index, 'typed-error', 'error parts carry a ProviderError (marker Symbol.for("outcrop.error"))');
    return;
  }
  if (!isProviderErrorCode(error.code)) {
    fail(index, 'error-code', `unknown error code ${String(error.code)}`);
    return;
  }
  if (error.httpStatus !== ERROR_CODES[error.code].httpStatus) {
    fail(index, 'error-status', `httpStatus ${error.httpStatus} does not match the table for ${error.code}`);
  }
  if (typeof error.retryable !== 'boolean') fail(index, 'error-retryable', 'retryable must be a boolean');
}

export class ConformanceError extends Error {
  constructor(
    message: string,
    readonly violations: ConformanceViolation[] = [],
  ) {
    super(message);
    this.name = 'ConformanceError';
  }
}

/** Throws a ConformanceError listing every violation. */
export function assertConformingStream(parts: readonly StreamPart[]): void {
  const violations = checkStreamParts(parts);
  if (!violations.length) return;
  const lines = violations.map((v) => `  [${v.rule}] part ${v.index}: ${v.message}`).join('\n');
  throw new ConformanceError(`The stream breaks ${violations.length} rule(s):\n${lines}`, violations);
}
