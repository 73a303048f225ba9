import { STOP_REASONS } from '@outcrop/bedrock-emulator';
import { describe, expect, it } from 'vitest';
import { converseStream, createToolInputAccumulator, pooledClientCount } from '../src/index.js';
import { ask, drain, HAIKU, text, types, useEmulator } from './emulator-harness.js';

const h = useEmulator();
const tools = { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] };

describe('converseStream against the emulator: events', () => {
  it('streams a text reply in order, with usage, over HTTP/2 with SigV4', async () => {
    const stream = converseStream(ask('Hello there from the test'), { connection: h.connection });
    const { events, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(types(events)[0]).toBe('messageStart');
    expect(types(events).slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    expect(text(events)).toContain('Hello there from the test');
    const metadata = events.at(-1);
    expect(metadata?.type === 'metadata' && metadata.usage.outputTokens).toBeGreaterThan(0);
    expect(stream.requestId).toBeTruthy();
    expect(stream.modelId).toBe(HAIKU);
    const [entry] = h.emulator.journal.entries();
    expect(entry).toMatchObject({
      protocol: '2.0',
      operation: 'ConverseStream',
      modelId: HAIKU,
      status: 200,
      attempt: 1,
    });
    expect(entry?.auth).toMatchObject({ kind: 'sigv4', ok: true });
  });

  it('reuses one pooled client across requests', async () => {
    await drain(converseStream(ask('one'), { connection: h.connection }));
    const before = pooledClientCount();
    await drain(converseStream(ask('two'), { connection: h.connection }));
    expect(pooledClientCount()).toBe(before);
  });

  it('serves 25 concurrent streams through one pooled client, each with its own reply', async () => {
    const prompts = Array.from({ length: 25 }, (_, i) => `concurrent request number ${i}`);
    const results = await Promise.all(
      prompts.map((p) => drain(converseStream(ask(p), { connection: h.connection }))),
    );
    results.forEach(({ events, error }, i) => {
      expect(error).toBeUndefined();
      expect(text(events)).toContain(prompts[i]);
    });
    expect(h.emulator.journal.entries().filter((e) => e.status === 200)).toHaveLength(25);
  });

  it('streams reasoning text with its signature, then redacted reasoning as bytes', async () => {
    h.emulator.scenarios.push({ reasoning: true });
    const plain = await drain(converseStream(ask('think'), { connection: h.connection }));
    expect(types(plain.events)).toContain('reasoningTextDelta');
    expect(types(plain.events)).toContain('reasoningSignatureDelta');
    h.emulator.scenarios.push({ reasoning: 'redacted' });
    const redacted = await drain(converseStream(ask('think'), { connection: h.connection }));
    const event = redacted.events.find((e) => e.type === 'reasoningRedactedDelta');
    expect(event?.type === 'reasoningRedactedDelta' && event.data).toBeInstanceOf(Uint8Array);
    expect(event?.type === 'reasoningRedactedDelta' && event.data.length).toBeGreaterThan(0);
  });

  it('streams a tool call that the accumulator rebuilds exactly', async () => {
    const input = { city: 'Paris', days: [1, 2, 3], nested: { unit: 'C' } };
    h.emulator.scenarios.push({ toolCall: { name: 'get_weather', input } });
    const { events, error } = await drain(
      converseStream(ask('weather?', { toolConfig: tools }), { connection: h.connection }),
    );
    expect(error).toBeUndefined();
    const start = events.find((e) => e.type === 'contentBlockStart');
    expect(start?.type === 'contentBlockStart' && start.toolUse?.name).toBe('get_weather');
    const accumulator = createToolInputAccumulator();
    for (const e of events) if (e.type === 'toolUseDelta') accumulator.push(e.input);
    expect(accumulator.parse()).toEqual(input);
    expect(events.find((e) => e.type === 'messageStop')).toMatchObject({ stopReason: 'tool_use' });
  });

  it('keeps citations, cache tokens, latency, trace, response fields and unknown kinds', async () => {
    h.emulator.scenarios.push({
      script: [
        { messageStart: { role: 'assistant' } },
        { futureEventType: { surprise: true } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Cited.' } } },
        {
          contentBlockDelta: {
            contentBlockIndex: 0,
            delta: { citation: { title: 'Doc', sourceContent: [{ text: 'src' }] } },
          },
        },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { futureDelta: { x: 1 } } } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: 'end_turn', additionalModelResponseFields: { stop_sequence: null } } },
        {
          metadata: {
            usage: {
              inputTokens: 10,
              outputTokens: 2,
              totalTokens: 12,
              cacheReadInputTokens: 7,
              cacheWriteInputTokens: 3,
            },
            metrics: { latencyMs: 42 },
            trace: { promptRouter: { invokedModelId: 'x' } },
          },
        },
      ],
    });
    const { events, error } = await drain(converseStream(ask('cite'), { connection: h.connection }));
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'messageStart', role: 'assistant' },
      { type: 'unknown', name: 'futureEventType', payload: { surprise: true } },
      { type: 'textDelta', index: 0, text: 'Cited.' },
      { type: 'citationDelta', index: 0, citation: { title: 'Doc', sourceContent: [{ text: 'src' }] } },
      {
        type: 'unknown',
        name: 'contentBlockDelta',
        payload: { contentBlockIndex: 0, delta: { futureDelta: { x: 1 } } },
      },
      { type: 'contentBlockStop', index: 0 },
      { type: 'messageStop', stopReason: 'end_turn', additionalModelResponseFields: { stop_sequence: null } },
      {
        type: 'metadata',
        usage: {
          inputTokens: 10,
          outputTokens: 2,
          totalTokens: 12,
          cacheReadInputTokens: 7,
          cacheWriteInputTokens: 3,
        },
        latencyMs: 42,
        trace: { promptRouter: { invokedModelId: 'x' } },
      },
    ]);
  });

  it.each([...STOP_REASONS, 'some_future_reason'])('reports the raw stop reason %s', async (reason) => {
    h.emulator.scenarios.push(reason === 'tool_use' ? { toolCall: {} } : { stopReason: reason });
    const extra = reason === 'tool_use' ? { toolConfig: tools } : {};
    const { events, error } = await drain(converseStream(ask('stop', extra), { connection: h.connection }));
    expect(error).toBeUndefined();
    expect(events.find((e) => e.type === 'messageStop')).toMatchObject({ stopReason: reason });
  });
});
