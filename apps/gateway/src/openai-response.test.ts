import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors.js';
import type { CallEvent } from './model-call.js';
import { ChunkMapper, collectCompletion, toOpenAIUsage } from './openai-response.js';

const meta = { id: 'chatcmpl-1', model: 'amazon-bedrock/m', created: 1700000000 };
const usage = { inputTokens: 10, outputTokens: 5, cacheReadTokens: 100, cacheWriteTokens: 2 };

async function* from(events: CallEvent[]): AsyncGenerator<CallEvent> {
  yield* events;
}

type Chunk = { choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: unknown };

const parse = (texts: string[]) => texts.map((t) => JSON.parse(t) as Chunk & Record<string, unknown>);

describe('ChunkMapper', () => {
  it('streams role, text, reasoning and a finish chunk', () => {
    const mapper = new ChunkMapper(meta, { includeUsage: false });
    const start = JSON.parse(mapper.start()) as Chunk & Record<string, unknown>;
    expect(start).toMatchObject({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1700000000 });
    expect(start.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect('usage' in start).toBe(false);

    const [reasoning] = parse(mapper.map({ type: 'reasoning', text: 'hmm' }));
    expect(reasoning!.choices[0]!.delta).toEqual({ reasoning_content: 'hmm' });
    const [text] = parse(mapper.map({ type: 'text', text: 'Hello' }));
    expect(text!.choices[0]).toMatchObject({ delta: { content: 'Hello' }, finish_reason: null });
    const finish = parse(mapper.map({ type: 'finish', reason: 'length', usage }));
    expect(finish).toHaveLength(1);
    expect(finish[0]!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'length' });
  });

  it('streams tool calls with their OpenAI index', () => {
    const mapper = new ChunkMapper(meta, { includeUsage: false });
    const [start] = parse(
      mapper.map({
        type: 'tool-call-start',
        index: 1,
        id: 'tooluse_x',
        name: 'weather',
      }),
    );
    expect(start!.choices[0]!.delta).toEqual({
      tool_calls: [
        { index: 1, id: 'tooluse_x', type: 'function', function: { name: 'weather', arguments: '' } },
      ],
    });
    const [delta] = parse(mapper.map({ type: 'tool-call-delta', index: 1, argumentsDelta: '{"ci' }));
    expect(delta!.choices[0]!.delta).toEqual({ tool_calls: [{ index: 1, function: { arguments: '{"ci' } }] });
    const [finish] = parse(mapper.map({ type: 'finish', reason: 'tool-calls' }));
    expect(finish!.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('adds usage: null to every chunk and a final usage chunk when include_usage is set', () => {
    const mapper = new ChunkMapper(meta, { includeUsage: true });
    expect((JSON.parse(mapper.start()) as Chunk).usage).toBeNull();
    const out = parse(mapper.map({ type: 'finish', reason: 'stop', usage }));
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ choices: [], usage: { prompt_tokens: 112, completion_tokens: 5 } });
  });

  it('emits nothing for empty deltas and for errors (the SSE writer ends those)', () => {
    const mapper = new ChunkMapper(meta, { includeUsage: false });
    expect(mapper.map({ type: 'text', text: '' })).toEqual([]);
    expect(mapper.map({ type: 'error', code: 'throttled', message: 'x' })).toEqual([]);
  });
});

describe('toOpenAIUsage', () => {
  it('counts cache reads and writes inside prompt tokens and names the cached part', () => {
    expect(toOpenAIUsage(usage)).toEqual({
      prompt_tokens: 112,
      completion_tokens: 5,
      total_tokens: 117,
      prompt_tokens_details: { cached_tokens: 100, cache_write_tokens: 2 },
    });
  });
});

describe('collectCompletion', () => {
  it('assembles text, reasoning, tool calls in index order, finish reason and usage', async () => {
    const completion = (await collectCompletion(
      from([
        { type: 'reasoning', text: 'think' },
        { type: 'text', text: 'Hel' },
        { type: 'text', text: 'lo' },
        { type: 'tool-call-start', index: 1, id: 'b', name: 'two' },
        { type: 'tool-call-start', index: 0, id: 'a', name: 'one' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
        { type: 'finish', reason: 'tool-calls', usage },
      ]),
      meta,
    )) as Record<string, unknown>;
    expect(completion).toMatchObject({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: 'Hello',
            reasoning_content: 'think',
            tool_calls: [
              { id: 'a', type: 'function', function: { name: 'one', arguments: '{"x":1}' } },
              { id: 'b', type: 'function', function: { name: 'two', arguments: '' } },
            ],
          },
        },
      ],
      usage: { prompt_tokens: 112, total_tokens: 117 },
    });
  });

  it('throws the error event as a GatewayError with its code', async () => {
    const events = from([
      { type: 'text', text: 'partial' },
      { type: 'error', code: 'throttled', message: 'Too many requests' },
    ]);
    const err = await collectCompletion(events, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).status).toBe(429);
  });

  it('treats a stream without a finish as truncated, not as a normal stop', async () => {
    const err = await collectCompletion(from([{ type: 'text', text: 'x' }]), meta).catch((e: unknown) => e);
    expect((err as GatewayError).code).toBe('truncated');
  });
});
