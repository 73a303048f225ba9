import { ProviderError, type StreamPart } from '@outcrop/provider';
import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors.js';
import { ChunkMapper, collectCompletion, toOpenAIUsage } from './openai-response.js';

const meta = { id: 'chatcmpl-1', model: 'amazon-bedrock/m', created: 1700000000 };
const usage = {
  inputTokens: 10,
  outputTokens: 5,
  cacheReadTokens: 100,
  cacheWriteTokens: 2,
  totalTokens: 117,
};
const response = { modelId: 'm', provider: 'amazon-bedrock' };
const finish = (
  finishReason: 'stop' | 'length' | 'tool-calls' | 'error',
  rawStopReason = 'end_turn',
): StreamPart => ({
  type: 'finish',
  finishReason,
  rawStopReason,
  usage,
  response,
});

async function* from(parts: StreamPart[]): AsyncGenerator<StreamPart> {
  yield* parts;
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

    const [reasoning] = parse(mapper.map({ type: 'reasoning-delta', id: 'r', delta: 'hmm' }));
    expect(reasoning!.choices[0]!.delta).toEqual({ reasoning_content: 'hmm' });
    const [text] = parse(mapper.map({ type: 'text-delta', id: 't', delta: 'Hello' }));
    expect(text!.choices[0]).toMatchObject({ delta: { content: 'Hello' }, finish_reason: null });
    const done = parse(mapper.map(finish('length', 'max_tokens')));
    expect(done).toHaveLength(1);
    expect(done[0]!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'length' });
  });

  it('numbers tool calls 0, 1, ... in the order they start, by block id', () => {
    const mapper = new ChunkMapper(meta, { includeUsage: false });
    mapper.map({ type: 'tool-call-start', id: 'b0', toolCallId: 'tooluse_a', toolName: 'one' });
    const [start] = parse(
      mapper.map({ type: 'tool-call-start', id: 'b1', toolCallId: 'tooluse_x', toolName: 'weather' }),
    );
    expect(start!.choices[0]!.delta).toEqual({
      tool_calls: [
        { index: 1, id: 'tooluse_x', type: 'function', function: { name: 'weather', arguments: '' } },
      ],
    });
    const [delta] = parse(mapper.map({ type: 'tool-call-delta', id: 'b1', argumentsDelta: '{"ci' }));
    expect(delta!.choices[0]!.delta).toEqual({ tool_calls: [{ index: 1, function: { arguments: '{"ci' } }] });
    const [end] = parse(mapper.map(finish('tool-calls', 'tool_use')));
    expect(end!.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('adds usage: null to every chunk and a final usage chunk when include_usage is set', () => {
    const mapper = new ChunkMapper(meta, { includeUsage: true });
    expect((JSON.parse(mapper.start()) as Chunk).usage).toBeNull();
    const out = parse(mapper.map(finish('stop')));
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ choices: [], usage: { prompt_tokens: 112, completion_tokens: 5 } });
  });

  it('emits nothing for empty deltas, warnings, block ends and errors (the SSE writer ends those)', () => {
    const mapper = new ChunkMapper(meta, { includeUsage: false });
    expect(mapper.map({ type: 'text-delta', id: 't', delta: '' })).toEqual([]);
    expect(mapper.map({ type: 'warning', warning: { code: 'w', message: 'x' } })).toEqual([]);
    expect(mapper.map({ type: 'text-end', id: 't' })).toEqual([]);
    expect(mapper.map({ type: 'error', error: new ProviderError('throttled', 'x') })).toEqual([]);
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
  it('assembles text, reasoning, tool calls in start order, finish reason and usage', async () => {
    const completion = (await collectCompletion(
      from([
        { type: 'reasoning-delta', id: 'r', delta: 'think' },
        { type: 'text-delta', id: 't', delta: 'Hel' },
        { type: 'text-delta', id: 't', delta: 'lo' },
        { type: 'tool-call-start', id: 'b0', toolCallId: 'a', toolName: 'one' },
        { type: 'tool-call-start', id: 'b1', toolCallId: 'b', toolName: 'two' },
        { type: 'tool-call-delta', id: 'b0', argumentsDelta: '{"x":' },
        { type: 'tool-call-delta', id: 'b0', argumentsDelta: '1}' },
        finish('tool-calls', 'tool_use'),
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

  it('throws an error part as a GatewayError with its status', async () => {
    const parts = from([
      { type: 'text-delta', id: 't', delta: 'partial' },
      { type: 'error', error: new ProviderError('throttled', 'Too many requests') },
    ]);
    const err = await collectCompletion(parts, meta).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).status).toBe(429);
  });

  it('never answers the gateway’s own AWS credential failure as 401, and names Bedrock’s own failures as 502', async () => {
    const expired = new ProviderError(
      'authentication',
      'The security token included in the request is expired.',
      {
        upstreamName: 'ExpiredTokenException',
      },
    );
    const auth = (await collectCompletion(from([{ type: 'error', error: expired }]), meta).catch(
      (e: unknown) => e,
    )) as GatewayError;
    expect(auth.status).toBe(503);
    expect(auth.message).toMatch(/gateway's own AWS credentials failed \(ExpiredTokenException\)/);
    const denied = new ProviderError('access_denied', 'not authorized', {
      upstreamName: 'AccessDeniedException',
    });
    const forbidden = (await collectCompletion(from([{ type: 'error', error: denied }]), meta).catch(
      (e: unknown) => e,
    )) as GatewayError;
    expect(forbidden.status).toBe(403);
    expect(forbidden.message).toMatch(/denied the gateway's AWS identity/);
    const internal = new ProviderError('internal', 'We encountered an error.', {
      upstreamName: 'InternalServerException',
    });
    const upstream = (await collectCompletion(from([{ type: 'error', error: internal }]), meta).catch(
      (e: unknown) => e,
    )) as GatewayError;
    expect(upstream.status).toBe(502);
    expect(upstream.message).toContain('InternalServerException');
  });

  it('treats a finish with reason error as a failure, and a stream without a finish as truncated', async () => {
    const failed = await collectCompletion(from([finish('error', 'malformed_model_output')]), meta).catch(
      (e: unknown) => e,
    );
    expect((failed as GatewayError).code).toBe('model_error');
    const err = await collectCompletion(from([{ type: 'text-delta', id: 't', delta: 'x' }]), meta).catch(
      (e: unknown) => e,
    );
    expect((err as GatewayError).code).toBe('truncated');
  });
});
