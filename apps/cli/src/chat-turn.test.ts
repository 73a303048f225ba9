import { describe, expect, it } from 'vitest';
import { runTurn, usageLine } from './chat-turn.js';
import { Terminal } from './terminal.js';
import type { StreamPart } from './upstream.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const term = new Terminal(
    { isTTY: false, write: (text: string) => out.push(text) > 0 },
    { isTTY: false, write: (text: string) => err.push(text) > 0 },
    {},
  );
  return { term, out: () => out.join(''), err: () => err.join('') };
}

async function* parts(...list: StreamPart[]): AsyncIterable<StreamPart> {
  yield* list;
}

const usage = { inputTokens: 12, outputTokens: 34, cacheReadTokens: 5, cacheWriteTokens: 0, totalTokens: 51 };
const finish: Extract<StreamPart, { type: 'finish' }> = {
  type: 'finish',
  finishReason: 'stop',
  rawStopReason: 'end_turn',
  usage,
  cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, total: 0.00042 },
  response: { provider: 'amazon-bedrock', modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' },
};

describe('runTurn', () => {
  it('streams text to stdout, reasoning to stderr, and keeps signed reasoning for the next turn', async () => {
    const { term, out, err } = capture();
    const result = await runTurn(
      term,
      parts(
        { type: 'stream-start', model: { provider: 'amazon-bedrock', id: 'm', api: 'a' } },
        { type: 'reasoning-start', id: 'r0' },
        { type: 'reasoning-delta', id: 'r0', delta: 'Let me think.' },
        { type: 'reasoning-end', id: 'r0', signature: 'sig-1' },
        { type: 'text-start', id: 't1' },
        { type: 'text-delta', id: 't1', delta: 'Hello' },
        { type: 'text-delta', id: 't1', delta: ' there' },
        { type: 'text-end', id: 't1' },
        finish,
      ),
      { live: true, hideReasoning: false },
    );
    expect(out()).toBe('Hello there\n');
    expect(err()).toBe('thinking… Let me think.\n\n');
    expect(result.blocks).toEqual([
      { type: 'reasoning', text: 'Let me think.', signature: 'sig-1' },
      { type: 'text', text: 'Hello there' },
    ]);
    expect(result.finish).toBe(finish);
  });

  it('prints nothing when not live, and reports a terminal error part', async () => {
    const { term, out, err } = capture();
    const error = Object.assign(new Error('denied'), { code: 'access_denied' });
    const result = await runTurn(
      term,
      parts({ type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'partial' }, {
        type: 'error',
        error,
      } as unknown as StreamPart),
      { live: false, hideReasoning: false },
    );
    expect(out() + err()).toBe('');
    expect(result.text).toBe('partial');
    expect(result.error).toBe(error);
  });
});

describe('usageLine', () => {
  it('names tokens, cache reads, cost, time and the model that answered', () => {
    expect(usageLine(finish, 1234)).toBe(
      '12 in · 34 out · 5 cache read · $0.00042 · 1.2s · amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    );
    expect(
      usageLine({ ...finish, cost: undefined, finishReason: 'length', rawStopReason: 'max_tokens' }, 100),
    ).toContain(
      'cost unknown · 0.1s · amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0 · stopped: max_tokens',
    );
  });
});
