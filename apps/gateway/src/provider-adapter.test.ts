import { emptyUsage, ProviderError, type StreamPart } from '@outcrop/provider';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from './model-call.js';
import { toCallEvents, toProviderCall } from './provider-adapter.js';

async function events(parts: StreamPart[]): Promise<CallEvent[]> {
  async function* source() {
    yield* parts;
  }
  const out: CallEvent[] = [];
  for await (const event of toCallEvents(source())) out.push(event);
  return out;
}

const response = { modelId: 'm', provider: 'amazon-bedrock' };

describe('toProviderCall', () => {
  it('maps messages, tools and options onto the v1 contract', () => {
    const signal = new AbortController().signal;
    const { context, options } = toProviderCall(
      {
        system: 'Be brief.',
        messages: [
          { role: 'user', content: [{ type: 'image', mimeType: 'image/png', data: 'AAAA' }] },
          { role: 'assistant', content: [{ type: 'tool-call', id: 'c1', name: 'w', input: { a: 1 } }] },
          { role: 'tool', toolCallId: 'c1', toolName: 'w', content: 'done' },
        ],
        tools: [{ name: 'w', parameters: { type: 'object' } }],
        toolChoice: { name: 'w' },
        maxTokens: 10,
        reasoning: 'max',
        stopSequences: ['X'],
      },
      signal,
    );
    expect(context.system).toBe('Be brief.');
    expect(context.messages[0]).toEqual({
      role: 'user',
      content: [{ type: 'image', data: 'AAAA', mediaType: 'image/png' }],
    });
    expect(context.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'w', arguments: { a: 1 } }],
    });
    expect(context.messages[2]).toMatchObject({
      role: 'tool',
      toolCallId: 'c1',
      toolName: 'w',
      content: 'done',
    });
    expect(options).toMatchObject({
      signal,
      maxTokens: 10,
      reasoning: 'max',
      stopSequences: ['X'],
      toolChoice: { type: 'tool', toolName: 'w' },
    });
  });
});

describe('toCallEvents', () => {
  it('numbers tool calls in start order and maps deltas by block id', async () => {
    const out = await events([
      { type: 'stream-start', model: { provider: 'p', id: 'm', api: 'a' } },
      { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
      { type: 'text-delta', id: 't', delta: 'Hi' },
      { type: 'tool-call-start', id: 'b7', toolCallId: 'tu_1', toolName: 'one' },
      { type: 'tool-call-start', id: 'b9', toolCallId: 'tu_2', toolName: 'two' },
      { type: 'tool-call-delta', id: 'b9', argumentsDelta: '{}' },
      { type: 'tool-call-delta', id: 'b7', argumentsDelta: '{"a":1}' },
      {
        type: 'finish',
        finishReason: 'tool-calls',
        rawStopReason: 'tool_use',
        usage: { ...emptyUsage(), inputTokens: 3, outputTokens: 4, cacheReadTokens: 5 },
        response,
      },
    ]);
    expect(out).toEqual([
      { type: 'reasoning', text: 'hmm' },
      { type: 'text', text: 'Hi' },
      { type: 'tool-call-start', index: 0, id: 'tu_1', name: 'one' },
      { type: 'tool-call-start', index: 1, id: 'tu_2', name: 'two' },
      { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"a":1}' },
      {
        type: 'finish',
        reason: 'tool-calls',
        rawReason: 'tool_use',
        usage: { inputTokens: 3, outputTokens: 4, cacheReadTokens: 5, cacheWriteTokens: 0 },
      },
    ]);
  });

  it('turns an error part, and a finish whose reason is error, into error events', async () => {
    expect(await events([{ type: 'error', error: new ProviderError('throttled', 'slow down') }])).toEqual([
      { type: 'error', code: 'throttled', message: 'slow down' },
    ]);
    const [failed] = await events([
      {
        type: 'finish',
        finishReason: 'error',
        rawStopReason: 'malformed_model_output',
        usage: emptyUsage(),
        response,
      },
    ]);
    expect(failed).toMatchObject({ type: 'error', code: 'model_error' });
    expect((failed as { message: string }).message).toContain('malformed_model_output');
  });
});
