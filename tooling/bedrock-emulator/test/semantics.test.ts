// Today's request members with their effect: structured output, citations, cache details, guardrails (and
// ApplyGuardrail), Claude-shaped tool choice, service tier and latency echo, the `p` padding of stream events.
import {
  ApplyGuardrailCommand,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  type ConverseStreamCommandInput,
  type Tool,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, eventStreamCodec, startEmulator } from '../src/index.js';
import { collect, failure, HAIKU, runtimeClient, SONNET45_US, streamedText, userText } from './helpers.js';

let emulator: Emulator;
let client: ReturnType<typeof runtimeClient>;
beforeAll(async () => {
  emulator = await startEmulator({
    record: true,
    guardrails: [
      { id: 'gr1', version: '1', blockedWords: ['forbidden'], blockedOutputsMessaging: 'Output blocked.' },
      { id: 'gr1', version: 'DRAFT', blockedWords: [] },
    ],
  });
  client = runtimeClient(emulator, { maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await emulator.stop();
});

type Input = Omit<ConverseCommandInput, 'modelId'> & { modelId?: string };
const converse = (input: Input) =>
  client.send(new ConverseCommand({ modelId: HAIKU, ...input } as ConverseCommandInput));
async function stream(input: Input) {
  const out = await client.send(
    new ConverseStreamCommand({ modelId: HAIKU, ...input } as ConverseStreamCommandInput),
  );
  return collect(out.stream);
}
const guard = (mode?: 'sync' | 'async', trace: 'enabled' | 'disabled' | 'enabled_full' = 'enabled') => ({
  guardrailConfig: {
    guardrailIdentifier: 'gr1',
    guardrailVersion: '1',
    trace,
    ...(mode ? { streamProcessingMode: mode } : {}),
  },
});

describe('structured output', () => {
  const schema = {
    type: 'object',
    properties: {
      city: { type: 'string' },
      days: { type: 'integer' },
      tags: { type: 'array', items: { enum: ['a', 'b'] } },
    },
    required: ['city', 'days', 'tags'],
    additionalProperties: false,
  };
  const format = (text: string) => ({
    outputConfig: {
      textFormat: { type: 'json_schema' as const, structure: { jsonSchema: { schema: text, name: 'trip' } } },
    },
  });
  it('answers with JSON that conforms to the schema, the same for the same request', async () => {
    const out = await converse({
      modelId: SONNET45_US,
      messages: userText('Plan a trip'),
      ...format(JSON.stringify(schema)),
    });
    const text = out.output?.message?.content?.[0]?.text ?? '';
    expect(JSON.parse(text)).toEqual({ city: 'Plan a trip', days: 1, tags: ['a'] });
    const again = await converse({
      modelId: SONNET45_US,
      messages: userText('Plan a trip'),
      ...format(JSON.stringify(schema)),
    });
    expect(again.output?.message?.content?.[0]?.text).toBe(text);
  });
  it('rejects a schema that is not JSON', async () => {
    const error = await failure(
      converse({ modelId: SONNET45_US, messages: userText('x'), ...format('{type:') }),
    );
    expect([error.name, error.message]).toEqual([
      'ValidationException',
      'The model returned the following errors: output_config.format.schema: Invalid JSON in schema',
    ]);
  });
  it('rejects a keyword Claude does not support', async () => {
    const limited = { type: 'object', properties: { tags: { type: 'array', maxItems: 3 } } };
    const error = await failure(
      converse({ modelId: SONNET45_US, messages: userText('x'), ...format(JSON.stringify(limited)) }),
    );
    expect([error.name, error.$metadata]).toEqual([
      'ValidationException',
      expect.objectContaining({ httpStatusCode: 400 }),
    ]);
    expect(error.message).toBe(
      "The model returned the following errors: output_config.format.schema: For 'array' type, property 'maxItems' is not supported",
    );
  });
});

describe('citations', () => {
  const cited = [
    {
      role: 'user' as const,
      content: [
        { text: 'What does it say?' },
        {
          document: {
            name: 'memo',
            format: 'txt' as const,
            source: { text: 'The launch moves to May. Budget is unchanged.' },
            citations: { enabled: true },
          },
        },
      ],
    },
  ];
  it('Converse answers with a citationsContent block', async () => {
    const out = await converse({ messages: cited });
    expect(out.output?.message?.content?.[1]?.citationsContent).toEqual({
      content: [{ text: 'The document says: The launch moves to May.' }],
      citations: [
        {
          title: 'memo',
          sourceContent: [{ text: 'The launch moves to May.' }],
          location: { documentChar: { documentIndex: 0, start: 0, end: 24 } },
        },
      ],
    });
  });
  it('ConverseStream sends text deltas, then a citation delta', async () => {
    const events = await stream({ messages: cited });
    const citation = events.find((event) => event.contentBlockDelta?.delta?.citation)?.contentBlockDelta;
    expect(citation?.contentBlockIndex).toBe(1);
    expect(citation?.delta?.citation?.location?.documentChar).toEqual({
      documentIndex: 0,
      start: 0,
      end: 24,
    });
    expect(streamedText(events)).toContain('The document says: The launch moves to May.');
  });
});

describe('prompt cache details', () => {
  it('reports cache writes per TTL, and only above the model’s minimum tokens', async () => {
    const long = 'shared context '.repeat(400);
    const messages = [
      {
        role: 'user' as const,
        content: [
          { text: long },
          { cachePoint: { type: 'default' as const, ttl: '1h' as const } },
          { text: 'q' },
        ],
      },
    ];
    const first = await converse({
      modelId: SONNET45_US,
      system: [{ text: 'short' }, { cachePoint: { type: 'default', ttl: '1h' } }],
      messages,
    });
    expect(first.usage?.cacheDetails).toEqual([
      { ttl: '1h', inputTokens: Math.ceil(('short'.length + long.length) / 4) },
    ]);
    const second = await converse({
      modelId: SONNET45_US,
      system: [{ text: 'short' }, { cachePoint: { type: 'default', ttl: '1h' } }],
      messages,
    });
    expect(second.usage?.cacheReadInputTokens).toBe(first.usage?.cacheWriteInputTokens);
    expect(second.usage?.cacheDetails).toBeUndefined();
  });
});

describe('guardrails', () => {
  it('an unknown guardrail or version is an error', async () => {
    for (const config of [
      { guardrailIdentifier: 'nope', guardrailVersion: '1' },
      { guardrailIdentifier: 'gr1', guardrailVersion: '7' },
    ]) {
      const error = await failure(converse({ messages: userText('x'), guardrailConfig: config }));
      expect([error.name, error.message]).toEqual([
        'ValidationException',
        'The provided guardrail identifier is invalid.',
      ]);
    }
  });
  it('blocks an input with a configured word, with the input assessment in the trace', async () => {
    const out = await converse({ messages: userText('tell me the forbidden thing'), ...guard() });
    expect(out.stopReason).toBe('guardrail_intervened');
    expect(out.output?.message?.content).toEqual([{ text: 'Sorry, the model cannot answer this question.' }]);
    expect(out.trace?.guardrail?.inputAssessment?.gr1?.wordPolicy?.customWords).toEqual([
      { match: 'forbidden', action: 'BLOCKED', detected: true },
    ]);
    expect(out.trace?.guardrail?.actionReason).toBe('Guardrail blocked.');
  });
  it('assesses only guardContent blocks when there are some', async () => {
    emulator.scenarios.push({ reply: 'Fine.' });
    const out = await converse({
      messages: [
        {
          role: 'user',
          content: [{ text: 'forbidden words here' }, { guardContent: { text: { text: 'harmless' } } }],
        },
      ],
      ...guard(),
    });
    expect(out.stopReason).toBe('end_turn');
  });
  it('replaces a blocked output, with the output assessment; no trace when trace is disabled', async () => {
    emulator.scenarios.push({ reply: 'Here is the forbidden answer.' });
    const out = await converse({ messages: userText('hi'), ...guard(undefined, 'enabled_full') });
    expect(out.stopReason).toBe('guardrail_intervened');
    expect(out.output?.message?.content).toEqual([{ text: 'Output blocked.' }]);
    expect(out.trace?.guardrail?.outputAssessments?.gr1?.[0]?.wordPolicy?.customWords?.[0]?.match).toBe(
      'forbidden',
    );
    expect(out.trace?.guardrail?.modelOutput).toEqual(['Here is the forbidden answer.']);
    emulator.scenarios.push({ reply: 'Here is the forbidden answer.' });
    expect(
      (await converse({ messages: userText('hi'), ...guard(undefined, 'disabled') })).trace,
    ).toBeUndefined();
  });
  it('in a stream, sync mode sends only the blocked message', async () => {
    emulator.scenarios.push({ reply: 'One two three forbidden four.' });
    const events = await stream({ messages: userText('hi'), ...guard('sync') });
    expect(streamedText(events)).toBe('Output blocked.');
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe('guardrail_intervened');
    expect(events.at(-1)?.metadata?.trace?.guardrail?.outputAssessments?.gr1).toHaveLength(1);
  });
  it('in a stream, async mode has sent the text before the blocked words when it intervenes', async () => {
    emulator.scenarios.push({ reply: 'One two three forbidden four.' });
    const events = await stream({ messages: userText('hi'), ...guard('async') });
    expect(streamedText(events)).toBe('One two three');
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe('guardrail_intervened');
  });
  it('reports its assessment without intervening when nothing is blocked', async () => {
    const out = await converse({ messages: userText('hello'), ...guard() });
    expect(out.stopReason).toBe('end_turn');
    expect(out.trace?.guardrail?.inputAssessment?.gr1?.wordPolicy?.customWords).toEqual([]);
  });
});

describe('ApplyGuardrail', () => {
  const apply = (text: string, version = '1', source: 'INPUT' | 'OUTPUT' = 'INPUT') =>
    client.send(
      new ApplyGuardrailCommand({
        guardrailIdentifier: 'gr1',
        guardrailVersion: version,
        source,
        content: [{ text: { text } }],
      }),
    );
  it('intervenes on a blocked word', async () => {
    const out = await apply('the forbidden plan', '1', 'OUTPUT');
    expect(out.action).toBe('GUARDRAIL_INTERVENED');
    expect(out.outputs).toEqual([{ text: 'Output blocked.' }]);
    expect(out.assessments?.[0]?.wordPolicy?.customWords?.[0]).toEqual({
      match: 'forbidden',
      action: 'BLOCKED',
      detected: true,
    });
    expect(out.usage?.wordPolicyUnits).toBe(1);
  });
  it('lets clean text through', async () => {
    const out = await apply('all good');
    expect([out.action, out.outputs, out.assessments]).toEqual(['NONE', [], []]);
  });
  it('refuses an unknown guardrail version and a source outside the enum', async () => {
    const unknown = await failure(apply('x', '9'));
    expect([unknown.name, unknown.message]).toEqual([
      'ValidationException',
      'The provided guardrail identifier is invalid.',
    ]);
    const bad = await failure(apply('x', '1', 'SIDEWAYS' as 'INPUT'));
    expect(bad.message).toBe(
      "1 validation error detected: Value 'SIDEWAYS' at 'source' failed to satisfy constraint: Member must satisfy enum value set: [INPUT, OUTPUT]",
    );
  });
});

describe('tool choice, shaped like Claude', () => {
  const weather: { tools: Tool[] } = {
    tools: [
      {
        toolSpec: {
          name: 'get_weather',
          inputSchema: {
            json: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      },
      { toolSpec: { name: 'get_time', inputSchema: { json: { type: 'object' } } } },
    ],
  };
  it('a forced tool is content block 0, with no preamble', async () => {
    const out = await converse({
      messages: userText('Paris'),
      toolConfig: { ...weather, toolChoice: { tool: { name: 'get_time' } } },
    });
    expect(out.output?.message?.content?.[0]?.toolUse?.name).toBe('get_time');
    expect(out.output?.message?.content).toHaveLength(1);
    const events = await stream({
      messages: userText('Paris'),
      toolConfig: { ...weather, toolChoice: { any: {} } },
    });
    expect(events[1]?.contentBlockStart).toMatchObject({
      contentBlockIndex: 0,
      start: { toolUse: { name: 'get_weather' } },
    });
  });
  it('auto calls the tool the prompt names, after a sentence', async () => {
    const out = await converse({
      messages: userText('Use get_time please'),
      toolConfig: { ...weather, toolChoice: { auto: {} } },
    });
    expect(out.stopReason).toBe('tool_use');
    expect(out.output?.message?.content?.map((block) => Object.keys(block)[0])).toEqual(['text', 'toolUse']);
    expect(out.output?.message?.content?.[1]?.toolUse?.name).toBe('get_time');
  });
  it('auto answers in text when no tool is named, or when the turn carries tool results', async () => {
    const plain = await converse({ messages: userText('What is the weather?'), toolConfig: weather });
    expect(plain.stopReason).toBe('end_turn');
    const answered = await converse({
      messages: [
        { role: 'user', content: [{ text: 'get_weather for Paris' }] },
        {
          role: 'assistant',
          content: [{ toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } }],
        },
        { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }] } }] },
      ],
      toolConfig: weather,
    });
    expect(answered.stopReason).toBe('end_turn');
  });
});

describe('service tier and latency', () => {
  it('reports standard latency for a model without a latency-optimized version', async () => {
    const out = await converse({
      messages: userText('x'),
      performanceConfig: { latency: 'optimized' },
      serviceTier: { type: 'flex' },
    });
    expect(out.performanceConfig).toEqual({ latency: 'standard' });
    expect(out.serviceTier).toEqual({ type: 'flex' });
  });
});

describe('stream padding', () => {
  it('every streamed event payload carries a `p` member, the same for the same request', async () => {
    emulator.journal.clear();
    await stream({ messages: userText('pad me please') });
    await stream({ messages: userText('pad me please') });
    const decode = (bytes: Buffer) => {
      const payloads: Record<string, unknown>[] = [];
      let rest = bytes;
      while (rest.length > 0) {
        const length = rest.readUInt32BE(0);
        const message = eventStreamCodec.decode(rest.subarray(0, length));
        payloads.push(JSON.parse(Buffer.from(message.body).toString('utf8')));
        rest = rest.subarray(length);
      }
      return payloads;
    };
    const [a, b] = emulator.journal
      .entries()
      .map((entry) => decode(emulator.recordings.get(entry.id)!.bytes));
    expect(a!.length).toBeGreaterThan(4);
    for (const payload of a!) expect(payload.p).toMatch(/^[a-zA-Z0-9]+$/);
    // The same padding for the same request (the metadata event's latencyMs is wall-clock, so bytes may differ).
    expect(b!.map((payload) => payload.p)).toEqual(a!.map((payload) => payload.p));
  });
});
