// Text, multi-turn and tool round trips through the real provider, the real AWS SDK and the emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectStream } from '../src/complete.js';
import { checkStreamParts } from '../src/conformance/check-stream.js';
import type { Context, Message } from '../src/spec.js';
import { bedrockModel, type Harness, SONNET_4, startHarness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

const sonnet = bedrockModel(SONNET_4);
const weather = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('amazon-bedrock over the emulator', () => {
  it('streams text as paired parts ending in one finish with usage, cost and latency', async () => {
    const parts = await h.run(sonnet, {
      system: 'Be terse.',
      messages: [{ role: 'user', content: 'The sky is blue today.' }],
    });
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts[0]).toEqual({
      type: 'stream-start',
      model: { provider: 'amazon-bedrock', id: SONNET_4, api: 'bedrock-converse-stream' },
    });
    const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.delta] : [])).join('');
    expect(text).toBe('The sky is blue today.');
    const finish = parts.at(-1);
    if (finish?.type !== 'finish') throw new Error(`expected finish, got ${finish?.type}`);
    expect(finish).toMatchObject({ finishReason: 'stop', rawStopReason: 'end_turn' });
    expect(finish.usage.outputTokens).toBe(Math.ceil(text.length / 4));
    expect(finish.usage.inputTokens).toBeGreaterThan(0);
    // Claude Sonnet 4 list price on Bedrock (us-east-1, on demand): $3 input, $15 output per 1M tokens
    // (https://aws.amazon.com/bedrock/pricing/), written here rather than read from the table under test.
    const expected = (finish.usage.inputTokens * 3 + finish.usage.outputTokens * 15) / 1e6;
    expect(finish.cost?.total).toBeGreaterThan(0);
    expect(finish.cost?.total).toBeCloseTo(expected, 12);
    expect(finish.cost?.input).toBeCloseTo((finish.usage.inputTokens * 3) / 1e6, 12);
    expect(finish.cost?.output).toBeCloseTo((finish.usage.outputTokens * 15) / 1e6, 12);
    expect(finish.cost).toMatchObject({ cacheRead: 0, cacheWrite: 0 });
    expect(finish.latencyMs).toBeGreaterThanOrEqual(0);
    expect(finish.response.requestId).toEqual(expect.any(String));
    const [request] = h.requests().slice(-1);
    expect(request?.modelId).toBe(SONNET_4);
    expect(request?.body).toMatchObject({ system: [{ text: 'Be terse.' }] });
  });

  it('keeps a multi-turn conversation alternating and answers the last turn', async () => {
    const context: Context = {
      messages: [
        { role: 'user', content: 'First question.' },
        { role: 'assistant', content: [{ type: 'text', text: 'First answer.' }] },
        { role: 'user', content: 'Second question.' },
      ],
    };
    const result = await collectStream(h.provider.stream(sonnet, context));
    expect(result.message.content).toEqual([{ type: 'text', text: 'Second question.' }]);
    const body = h.requests().at(-1)?.body as { messages: Message[] };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('round-trips a tool call: parsed arguments, then results grouped into one user turn', async () => {
    const context: Context = { messages: [{ role: 'user', content: 'Paris' }], tools: [weather] };
    const first = await collectStream(h.provider.stream(sonnet, context, { toolChoice: 'required' }));
    expect(first.finishReason).toBe('tool-calls');
    const call = first.message.content.find((block) => block.type === 'tool-call');
    expect(call).toMatchObject({ toolName: 'get_weather', arguments: { city: 'Paris' } });
    if (call?.type !== 'tool-call') throw new Error('no tool call');

    const second = await collectStream(
      h.provider.stream(sonnet, {
        ...context,
        messages: [
          ...context.messages,
          first.message,
          { role: 'tool', toolCallId: call.toolCallId, toolName: call.toolName, content: '18 °C and sunny' },
        ],
      }),
    );
    expect(second.finishReason).toBe('stop');
    expect(second.message.content).toEqual([
      { type: 'text', text: `Tool ${call.toolCallId} returned: 18 °C and sunny` },
    ]);
    const body = h.requests().at(-1)?.body as { messages: Array<{ role: string; content: unknown[] }> };
    expect(body.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        {
          toolResult: {
            toolUseId: call.toolCallId,
            content: [{ text: '18 °C and sunny' }],
            status: 'success',
          },
        },
      ],
    });
  });

  it('sends MCP-style tool names in the Bedrock charset and hands them back as they were', async () => {
    const tool = {
      name: 'files.read',
      parameters: { type: 'object', properties: { path: { type: 'string' } } },
    };
    const first = await collectStream(
      h.provider.stream(
        sonnet,
        { messages: [{ role: 'user', content: 'README.md' }], tools: [tool] },
        {
          toolChoice: { type: 'tool', toolName: 'files.read' },
        },
      ),
    );
    const body = h.requests().at(-1)?.body as { toolConfig: { tools: unknown[]; toolChoice: unknown } };
    expect(body.toolConfig.tools[0]).toMatchObject({ toolSpec: { name: 'files_read' } });
    expect(body.toolConfig.toolChoice).toEqual({ tool: { name: 'files_read' } });
    const call = first.message.content.find((block) => block.type === 'tool-call');
    expect(call).toMatchObject({ toolName: 'files.read', arguments: { path: 'README.md' } });
    if (call?.type !== 'tool-call') throw new Error('no tool call');

    await collectStream(
      h.provider.stream(sonnet, {
        tools: [tool],
        messages: [
          { role: 'user', content: 'README.md' },
          first.message,
          { role: 'tool', toolCallId: call.toolCallId, toolName: 'files.read', content: '# Outcrop' },
        ],
      }),
    );
    const replayed = h.requests().at(-1)?.body as {
      messages: Array<{ content: Array<Record<string, unknown>> }>;
    };
    expect(replayed.messages[1]!.content).toContainEqual({
      toolUse: { toolUseId: call.toolCallId, name: 'files_read', input: { path: 'README.md' } },
    });
  });

  it('calls a bare id that needs an inference profile through the profile, and says so', async () => {
    const bare = bedrockModel('anthropic.claude-sonnet-4-20250514-v1:0');
    const result = await collectStream(
      h.provider.stream(bare, { messages: [{ role: 'user', content: 'hi there' }] }),
    );
    expect(result.message.content).toEqual([{ type: 'text', text: 'hi there' }]);
    expect(result.response.modelId).toBe(SONNET_4);
    expect(result.warnings).toContainEqual(expect.objectContaining({ code: 'inference_profile_fallback' }));
    expect(
      h
        .requests()
        .slice(-2)
        .map((entry) => entry.modelId),
    ).toEqual([bare.id, SONNET_4]);
  });
});
