import { describe, expect, it } from 'vitest';
import { checkStreamParts } from '../conformance/check-stream.js';
import type { StreamPart } from '../stream-parts.js';
import { type BedrockEvent, BedrockStreamMapper, mapStopReason, normalizeUsage } from './stream-mapping.js';

const run = (events: BedrockEvent[], cost?: Record<string, number>) => {
  const mapper = new BedrockStreamMapper({
    provider: 'amazon-bedrock',
    modelId: 'm',
    ...(cost ? { cost } : {}),
    now: () => 0,
  });
  const parts: StreamPart[] = events.flatMap((event) => mapper.map(event));
  return [...parts, ...mapper.finish('req-1')];
};

const end = (stopReason: string): BedrockEvent[] => [
  { type: 'messageStop', stopReason },
  { type: 'metadata', usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 }, latencyMs: 42 },
];

describe('BedrockStreamMapper', () => {
  it('maps reasoning, text and a tool call into paired parts and one finish', () => {
    const parts = run([
      { type: 'messageStart', role: 'assistant' },
      { type: 'reasoningTextDelta', index: 0, text: 'thinking...' },
      { type: 'reasoningSignatureDelta', index: 0, signature: 'sig123' },
      { type: 'contentBlockStop', index: 0 },
      { type: 'textDelta', index: 1, text: 'Hel' },
      { type: 'textDelta', index: 1, text: 'lo' },
      { type: 'contentBlockStop', index: 1 },
      {
        type: 'contentBlockStart',
        index: 2,
        toolUse: { toolUseId: 'tooluse_abc', name: 'get_weather' },
        raw: {},
      },
      { type: 'toolUseDelta', index: 2, input: '{"city":' },
      { type: 'toolUseDelta', index: 2, input: '"Paris"}' },
      { type: 'contentBlockStop', index: 2 },
      ...end('tool_use'),
    ]);
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts.map((p) => p.type)).toEqual([
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
    expect(parts[2]).toEqual({ type: 'reasoning-end', id: '0', signature: 'sig123' });
    expect(parts[10]).toMatchObject({ arguments: { city: 'Paris' }, rawArguments: '{"city":"Paris"}' });
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: 'tool-calls',
      rawStopReason: 'tool_use',
      latencyMs: 42,
      usage: { inputTokens: 10, outputTokens: 20, totalTokens: 30 },
      response: { modelId: 'm', provider: 'amazon-bedrock', requestId: 'req-1' },
    });
  });

  it('keeps redacted reasoning as opaque base64', () => {
    const parts = run([
      { type: 'reasoningRedactedDelta', index: 0, data: new Uint8Array([1, 2]) },
      { type: 'reasoningRedactedDelta', index: 0, data: new Uint8Array([3]) },
      { type: 'contentBlockStop', index: 0 },
      ...end('end_turn'),
    ]);
    expect(parts[1]).toEqual({
      type: 'reasoning-end',
      id: '0',
      redactedData: Buffer.from([1, 2, 3]).toString('base64'),
    });
  });

  it('reports malformed tool input with argumentsError instead of throwing', () => {
    const parts = run([
      { type: 'contentBlockStart', index: 0, toolUse: { toolUseId: 't', name: 'f' }, raw: {} },
      { type: 'toolUseDelta', index: 0, input: '{"a":' },
      { type: 'contentBlockStop', index: 0 },
      ...end('max_tokens'),
    ]);
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts[2]).toMatchObject({
      arguments: undefined,
      argumentsError: expect.stringContaining('not valid JSON'),
    });
    expect(parts.at(-1)).toMatchObject({ finishReason: 'length' });
  });

  it('closes open blocks and fails with truncated when messageStop never came', () => {
    const parts = run([{ type: 'textDelta', index: 0, text: 'cut' }]);
    expect(parts.map((p) => p.type)).toEqual(['text-start', 'text-delta', 'text-end', 'error']);
    expect(parts.at(-1)).toMatchObject({ error: { code: 'truncated' } });
  });

  it('computes cost from the cost table, cache tokens included', () => {
    const parts = run(
      [
        { type: 'textDelta', index: 0, text: 'x' },
        { type: 'messageStop', stopReason: 'end_turn' },
        {
          type: 'metadata',
          usage: {
            inputTokens: 1_000_000,
            outputTokens: 100_000,
            totalTokens: 1_100_000,
            cacheReadInputTokens: 2_000_000,
            cacheWriteInputTokens: 1_000,
          },
        },
      ],
      { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    );
    const finish = parts.at(-1);
    expect(finish?.type === 'finish' && finish.usage).toEqual({
      inputTokens: 1_000_000,
      outputTokens: 100_000,
      cacheReadTokens: 2_000_000,
      cacheWriteTokens: 1_000,
      totalTokens: 3_101_000,
    });
    expect(finish?.type === 'finish' && finish.cost?.total).toBeCloseTo(3 + 1.5 + 0.6 + 0.00375, 10);
  });
});

describe('1 hour cache writes in the finish part', () => {
  it('prices 1 hour cache writes at twice the input price and reports the split', () => {
    const parts = run(
      [
        { type: 'textDelta', index: 0, text: 'x' },
        { type: 'messageStop', stopReason: 'end_turn' },
        {
          type: 'metadata',
          usage: {
            inputTokens: 0,
            outputTokens: 0,
            totalTokens: 3_000_000,
            cacheWriteInputTokens: 3_000_000,
            cacheDetails: [
              { ttl: '5m', inputTokens: 1_000_000 },
              { ttl: '1h', inputTokens: 2_000_000 },
            ],
          },
        },
      ],
      { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
    );
    const finish = parts.at(-1);
    if (finish?.type !== 'finish') throw new Error('expected finish');
    expect(finish.cost?.cacheWrite).toBeCloseTo(3.75 + 2 * 6, 10);
    expect(finish.cost?.total).toBeCloseTo(15.75, 10);
    expect(finish.providerMetadata?.bedrock).toMatchObject({ cacheDetails: [{ ttl: '5m' }, { ttl: '1h' }] });
  });
});

describe('mapStopReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['tool_use', 'tool-calls'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['guardrail_intervened', 'content-filter'],
    ['content_filtered', 'content-filter'],
    ['malformed_model_output', 'error'],
    ['malformed_tool_use', 'error'],
    ['something_new', 'other'],
    ['toString', 'other'],
  ])('%s -> %s', (raw, normalized) => expect(mapStopReason(raw)).toBe(normalized));
});

describe('normalizeUsage', () => {
  it('defaults missing counts to zero and never reports a total below the sum', () => {
    expect(normalizeUsage(undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      totalTokens: 0,
    });
    expect(normalizeUsage({ inputTokens: 5, outputTokens: 5, totalTokens: 3 }).totalTokens).toBe(10);
  });
});
