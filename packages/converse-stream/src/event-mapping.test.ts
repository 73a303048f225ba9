import { describe, expect, it } from 'vitest';
import { mapEvent } from './event-mapping.js';

describe('mapEvent', () => {
  it('maps every known event and delta kind', () => {
    expect(mapEvent('messageStart', { role: 'assistant', p: 'padding' })).toEqual({
      type: 'messageStart',
      role: 'assistant',
    });
    const start = { toolUse: { toolUseId: 't1', name: 'get_weather', type: 'x' } };
    expect(mapEvent('contentBlockStart', { contentBlockIndex: 2, start })).toEqual({
      type: 'contentBlockStart',
      index: 2,
      toolUse: { toolUseId: 't1', name: 'get_weather' },
      raw: start,
    });
    expect(
      mapEvent('contentBlockStart', { contentBlockIndex: 1, start: { image: { format: 'png' } } }),
    ).toEqual({
      type: 'contentBlockStart',
      index: 1,
      raw: { image: { format: 'png' } },
    });
    const delta = (d: unknown) => mapEvent('contentBlockDelta', { contentBlockIndex: 3, delta: d });
    expect(delta({ text: 'hi' })).toEqual({ type: 'textDelta', index: 3, text: 'hi' });
    expect(delta({ toolUse: { input: '{"a"' } })).toEqual({ type: 'toolUseDelta', index: 3, input: '{"a"' });
    expect(delta({ reasoningContent: { text: 'hm' } })).toEqual({
      type: 'reasoningTextDelta',
      index: 3,
      text: 'hm',
    });
    expect(delta({ reasoningContent: { signature: 's' } })).toEqual({
      type: 'reasoningSignatureDelta',
      index: 3,
      signature: 's',
    });
    const redacted = delta({
      reasoningContent: { redactedContent: Buffer.from([1, 2, 250]).toString('base64') },
    });
    expect(redacted.type === 'reasoningRedactedDelta' && [...redacted.data]).toEqual([1, 2, 250]);
    expect(delta({ citation: { title: 'T' } })).toEqual({
      type: 'citationDelta',
      index: 3,
      citation: { title: 'T' },
    });
    expect(mapEvent('contentBlockStop', { contentBlockIndex: 3 })).toEqual({
      type: 'contentBlockStop',
      index: 3,
    });
    expect(
      mapEvent('messageStop', {
        stopReason: 'guardrail_intervened',
        additionalModelResponseFields: { x: 1 },
      }),
    ).toEqual({
      type: 'messageStop',
      stopReason: 'guardrail_intervened',
      additionalModelResponseFields: { x: 1 },
    });
  });

  it('keeps usage with cache tokens, latency and trace from metadata', () => {
    const event = mapEvent('metadata', {
      usage: {
        inputTokens: 1,
        outputTokens: 2,
        totalTokens: 3,
        cacheReadInputTokens: 4,
        cacheWriteInputTokens: 5,
        cacheDetails: [{ ttl: '1h', inputTokens: 5 }],
      },
      metrics: { latencyMs: 42 },
      trace: { guardrail: { action: 'x' } },
      serviceTier: { type: 'flex' },
    });
    expect(event).toEqual({
      type: 'metadata',
      usage: {
        inputTokens: 1,
        outputTokens: 2,
        totalTokens: 3,
        cacheReadInputTokens: 4,
        cacheWriteInputTokens: 5,
        cacheDetails: [{ ttl: '1h', inputTokens: 5 }],
      },
      latencyMs: 42,
      trace: { guardrail: { action: 'x' } },
      serviceTier: { type: 'flex' },
    });
  });

  it('passes unknown event kinds and unknown delta kinds through as unknown', () => {
    expect(mapEvent('futureEventType', { x: 1 })).toEqual({
      type: 'unknown',
      name: 'futureEventType',
      payload: { x: 1 },
    });
    const payload = { contentBlockIndex: 0, delta: { toolResult: [{ text: 'r' }] } };
    expect(mapEvent('contentBlockDelta', payload)).toEqual({
      type: 'unknown',
      name: 'contentBlockDelta',
      payload,
    });
    expect(mapEvent('messageStop', { nope: true })).toEqual({
      type: 'unknown',
      name: 'messageStop',
      payload: { nope: true },
    });
  });
});
