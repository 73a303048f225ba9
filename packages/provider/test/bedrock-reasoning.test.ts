// Reasoning over the emulator: signed reasoning with tools across turns, redacted reasoning kept opaque,
// and replay only where the model accepts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStream } from '../src/complete.js';
import { checkStreamParts } from '../src/conformance/check-stream.js';
import type { AssistantMessage, Context } from '../src/spec.js';
import { bedrockModel, type Harness, replayParts, SONNET_4, startHarness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

const sonnet = bedrockModel(SONNET_4);
const weather = {
  name: 'get_weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
type Body = {
  messages: Array<{ role: string; content: Array<Record<string, unknown>> }>;
  additionalModelRequestFields?: Record<string, unknown>;
  inferenceConfig?: { maxTokens?: number };
};
const lastBody = () => h.requests().at(-1)?.body as Body;

describe('reasoning', () => {
  it('carries signed reasoning and a tool call across turns, replaying the signature to Claude', async () => {
    h.emulator.scenarios.push({ toolCall: { name: 'get_weather', input: { city: 'Oslo' } } });
    const context: Context = { messages: [{ role: 'user', content: 'Weather in Oslo?' }], tools: [weather] };
    const parts = await h.run(sonnet, context, { reasoning: 'low', maxTokens: 1000 });
    expect(checkStreamParts(parts)).toEqual([]);
    expect(lastBody().additionalModelRequestFields).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: 2048 },
    });
    expect(lastBody().inferenceConfig?.maxTokens).toBe(3048);

    const first = await collectStream(replayParts(parts));
    const [reasoning, , call] = first.message.content;
    expect(reasoning).toMatchObject({
      type: 'reasoning',
      text: expect.stringContaining('The user wrote'),
      signature: expect.any(String),
    });
    expect(call).toMatchObject({ type: 'tool-call', toolName: 'get_weather', arguments: { city: 'Oslo' } });
    if (call?.type !== 'tool-call' || reasoning?.type !== 'reasoning') throw new Error('unexpected blocks');

    const second = await collectStream(
      h.provider.stream(
        sonnet,
        {
          ...context,
          messages: [
            ...context.messages,
            first.message,
            { role: 'tool', toolCallId: call.toolCallId, toolName: 'get_weather', content: 'snow' },
          ],
        },
        { reasoning: 'low' },
      ),
    );
    expect(second.finishReason).toBe('stop');
    expect(second.warnings).toEqual([]);
    const assistant = lastBody().messages[1]!;
    expect(assistant.content[0]).toEqual({
      reasoningContent: { reasoningText: { text: reasoning.text, signature: reasoning.signature } },
    });
    expect(lastBody().additionalModelRequestFields).toMatchObject({ thinking: { type: 'enabled' } });
  });

  it('keeps redacted reasoning opaque and hands it back to Claude byte for byte', async () => {
    h.emulator.scenarios.push({ reasoning: 'redacted' });
    const first = await collectStream(
      h.provider.stream(sonnet, { messages: [{ role: 'user', content: 'secret plan' }] }),
    );
    const redacted = first.message.content.find((block) => block.type === 'reasoning' && block.redactedData);
    expect(redacted).toMatchObject({ redactedData: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) });
    if (redacted?.type !== 'reasoning') throw new Error('no redacted block');

    await collectStream(
      h.provider.stream(sonnet, {
        messages: [
          { role: 'user', content: 'secret plan' },
          first.message,
          { role: 'user', content: 'go on' },
        ],
      }),
    );
    expect(lastBody().messages[1]!.content).toContainEqual({
      reasoningContent: { redactedContent: redacted.redactedData },
    });
  });

  it('replays reasoning as text to models that cannot verify it, and unsigned reasoning as text to Claude', async () => {
    const history: AssistantMessage = {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'signed thought', signature: 'c2ln' },
        { type: 'reasoning', text: 'unsigned thought' },
        { type: 'text', text: 'answer' },
      ],
    };
    const context: Context = {
      messages: [{ role: 'user', content: 'q' }, history, { role: 'user', content: 'more' }],
    };
    await collectStream(h.provider.stream(bedrockModel('amazon.nova-pro-v1:0'), context));
    expect(lastBody().messages[1]!.content).toEqual([
      { text: 'signed thought' },
      { text: 'unsigned thought' },
      { text: 'answer' },
    ]);
    await collectStream(h.provider.stream(sonnet, context));
    expect(lastBody().messages[1]!.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'signed thought', signature: 'c2ln' } } },
      { text: 'unsigned thought' },
      { text: 'answer' },
    ]);
  });

  it('sends no reasoning fields to a model without reasoning, with a warning', async () => {
    const result = await collectStream(
      h.provider.stream(
        bedrockModel('us.amazon.nova-pro-v1:0'),
        { messages: [{ role: 'user', content: 'hi' }] },
        { reasoning: 'high' },
      ),
    );
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'unsupported-setting', setting: 'reasoning' }),
    ]);
    expect(lastBody().additionalModelRequestFields).toBeUndefined();
  });
});
