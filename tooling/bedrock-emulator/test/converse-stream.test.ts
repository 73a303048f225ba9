// ConverseStream through the official SDK (default HTTP/2 handler): every event type the emulator sends.
import { ConverseCommand, ConverseStreamCommand, type Message } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, STOP_REASONS, startEmulator } from '../src/index.js';
import {
  collect,
  eventNames,
  failure,
  HAIKU,
  runtimeClient,
  SONNET4_US,
  streamedText,
  userText,
} from './helpers.js';

let emulator: Emulator;
let client: ReturnType<typeof runtimeClient>;
beforeAll(async () => {
  emulator = await startEmulator({ guardrails: [{ id: 'gr1', version: '1', blockedWords: ['forbidden'] }] });
  client = runtimeClient(emulator, { maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await emulator.stop();
});
beforeEach(() => {
  emulator.journal.clear();
  emulator.scenarios.clear();
});

const weatherTool = {
  tools: [
    {
      toolSpec: {
        name: 'get_weather',
        description: 'Weather for a city',
        inputSchema: {
          json: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } },
        },
      },
    },
  ],
};

async function stream(
  input: Omit<ConstructorParameters<typeof ConverseStreamCommand>[0], 'modelId'> & { modelId?: string },
) {
  const out = await client.send(new ConverseStreamCommand({ modelId: HAIKU, ...input }));
  return { out, events: await collect(out.stream) };
}

describe('default reply', () => {
  it('restates the last user message in order: messageStart, deltas, stop, messageStop, metadata', async () => {
    const { out, events } = await stream({
      messages: userText('The quick brown fox jumps over the lazy dog'),
    });
    const names = eventNames(events);
    expect(names[0]).toBe('messageStart');
    expect(names.slice(-3)).toEqual(['contentBlockStop', 'messageStop', 'metadata']);
    expect(names).not.toContain('contentBlockStart'); // text blocks get none, as on Bedrock
    expect(streamedText(events)).toBe('The quick brown fox jumps over the lazy dog');
    const deltas = events.filter((event) => event.contentBlockDelta);
    expect(deltas.length).toBeGreaterThan(2);
    for (const delta of deltas) {
      const words = delta.contentBlockDelta!.delta!.text!.trim().split(/\s+/);
      expect(words.length).toBeGreaterThanOrEqual(1);
      expect(words.length).toBeLessThanOrEqual(4);
    }
    expect(events.at(-2)?.messageStop?.stopReason).toBe('end_turn');
    const usage = events.at(-1)?.metadata?.usage;
    expect(usage?.outputTokens).toBe(Math.ceil(43 / 4));
    expect(usage?.totalTokens).toBe((usage?.inputTokens ?? 0) + (usage?.outputTokens ?? 0));
    expect(events.at(-1)?.metadata?.metrics?.latencyMs).toBeGreaterThan(0);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [entry] = emulator.journal.entries();
    expect(entry).toMatchObject({
      operation: 'ConverseStream',
      modelId: HAIKU,
      protocol: '2.0',
      status: 200,
      cancelled: false,
    });
    expect(entry?.eventsSent).toBe(events.length);
  });

  it('is deterministic for the same request', async () => {
    const a = await stream({ messages: userText('one two three four five six seven eight nine ten') });
    const b = await stream({ messages: userText('one two three four five six seven eight nine ten') });
    // metrics.latencyMs is wall-clock time, like Bedrock's: compare everything else, and only its shape.
    const withoutLatency = (events: typeof a.events) =>
      events.map((event) => {
        const latency = event.metadata?.metrics?.latencyMs;
        if (latency !== undefined) expect(latency).toBeGreaterThan(0);
        return JSON.stringify(event, (key, value) => (key === 'latencyMs' ? '<wall clock>' : value));
      });
    const aEvents = withoutLatency(a.events);
    expect(aEvents.at(-1)).toContain('"latencyMs":"<wall clock>"');
    expect(aEvents).toEqual(withoutLatency(b.events));
  });

  it('also answers over HTTP/1.1 (NodeHttpHandler), chunked', async () => {
    const h1 = runtimeClient(emulator, { requestHandler: new NodeHttpHandler(), maxAttempts: 1 });
    const out = await h1.send(new ConverseStreamCommand({ modelId: HAIKU, messages: userText('over h1') }));
    expect(streamedText(await collect(out.stream))).toBe('over h1');
    expect(emulator.journal.entries()[0]?.protocol).toBe('1.1');
    h1.destroy();
  });

  it('streams a long reply without loss under backpressure, over h2 and HTTP/1.1', async () => {
    const reply = Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' ');
    const h1 = runtimeClient(emulator, { requestHandler: new NodeHttpHandler(), maxAttempts: 1 });
    for (const target of [client, h1]) {
      emulator.scenarios.push({ reply });
      const out = await target.send(
        new ConverseStreamCommand({ modelId: HAIKU, messages: userText('long') }),
      );
      const events = await collect(out.stream);
      expect(streamedText(events)).toBe(reply);
      expect(events.length).toBeGreaterThan(5000);
    }
    h1.destroy();
  });

  it('cuts at a stop sequence and reports it in additionalModelResponseFields', async () => {
    const { events } = await stream({
      messages: userText('alpha beta STOP gamma'),
      inferenceConfig: { stopSequences: ['STOP'] },
      additionalModelResponseFieldPaths: ['/stop_sequence'],
    });
    expect(streamedText(events)).toBe('alpha beta ');
    expect(events.at(-2)?.messageStop).toEqual({
      stopReason: 'stop_sequence',
      additionalModelResponseFields: { stop_sequence: 'STOP' },
    });
  });

  it('stops at maxTokens with stopReason max_tokens', async () => {
    const { events } = await stream({
      messages: userText('x'.repeat(100)),
      inferenceConfig: { maxTokens: 5 },
    });
    expect(streamedText(events)).toBe('x'.repeat(20));
    expect(events.at(-2)?.messageStop?.stopReason).toBe('max_tokens');
  });
});

describe('reasoning', () => {
  it('thinks first, with a signature, when thinking is requested of a reasoning model', async () => {
    const { events } = await stream({
      modelId: SONNET4_US,
      messages: userText('why is the sky blue'),
      inferenceConfig: { maxTokens: 4096 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    });
    const reasoning = events.filter((event) => event.contentBlockDelta?.delta?.reasoningContent);
    expect(reasoning.length).toBeGreaterThan(1);
    expect(reasoning.every((event) => event.contentBlockDelta?.contentBlockIndex === 0)).toBe(true);
    expect(
      reasoning.map((event) => event.contentBlockDelta!.delta!.reasoningContent!.text ?? '').join(''),
    ).toMatch(/restate/);
    expect(reasoning.at(-1)?.contentBlockDelta?.delta?.reasoningContent?.signature).toMatch(
      /^[A-Za-z0-9+/=]{40,}$/,
    );
    expect(
      events.find((event) => event.contentBlockDelta?.delta?.text)?.contentBlockDelta?.contentBlockIndex,
    ).toBe(1);
    expect(streamedText(events)).toBe('why is the sky blue');
  });

  it('refuses thinking for a model without reasoning, as its request schema does', async () => {
    const error = await failure(
      stream({
        messages: userText('hi'),
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
        inferenceConfig: { maxTokens: 4000 },
      }),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'Malformed input request: #: extraneous key [thinking] is not permitted, please reformat your input and try again.',
    );
  });

  it('sends redactedContent as bytes when the scenario asks', async () => {
    emulator.scenarios.push({ reasoning: 'redacted' });
    const { events } = await stream({ messages: userText('secret thoughts') });
    const redacted = events.find(
      (event) => event.contentBlockDelta?.delta?.reasoningContent?.redactedContent,
    );
    const bytes = redacted?.contentBlockDelta?.delta?.reasoningContent?.redactedContent;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes!).toString('utf8')).toMatch(/^redacted:/);
  });
});

describe('tool calls', () => {
  it('answers with contentBlockStart(toolUse) and input JSON split across deltas', async () => {
    emulator.scenarios.push({
      toolCall: { input: { city: 'Paris', note: 'a "quoted" \\ value with ünïcode 🌧' } },
    });
    const { events } = await stream({ messages: userText('weather?'), toolConfig: weatherTool });
    const start = events.find((event) => event.contentBlockStart);
    const index = start?.contentBlockStart?.contentBlockIndex;
    expect(start?.contentBlockStart?.start?.toolUse).toMatchObject({
      name: 'get_weather',
      toolUseId: expect.stringMatching(/^tooluse_/),
    });
    const pieces = events
      .filter(
        (event) =>
          event.contentBlockDelta?.contentBlockIndex === index && event.contentBlockDelta?.delta?.toolUse,
      )
      .map((event) => event.contentBlockDelta!.delta!.toolUse!.input!);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.some((piece) => !isJson(piece))).toBe(true); // split at arbitrary points
    expect(JSON.parse(pieces.join(''))).toEqual({
      city: 'Paris',
      note: 'a "quoted" \\ value with ünïcode 🌧',
    });
    expect(events.at(-2)?.messageStop?.stopReason).toBe('tool_use');
  });

  it('calls the forced tool with input derived from its schema when toolChoice requires one', async () => {
    const { events } = await stream({
      messages: userText('Lyon'),
      toolConfig: { ...weatherTool, toolChoice: { tool: { name: 'get_weather' } } },
    });
    const input = events.flatMap((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? []).join('');
    expect(JSON.parse(input)).toEqual({ city: 'Lyon', days: 1 });
  });

  it('truncates the tool input under max_tokens', async () => {
    emulator.scenarios.push({ toolCall: { input: { city: 'Paris' } }, stopReason: 'max_tokens' });
    const { events } = await stream({ messages: userText('weather?'), toolConfig: weatherTool });
    const input = events.flatMap((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? []).join('');
    expect(isJson(input)).toBe(false);
    expect(events.at(-2)?.messageStop?.stopReason).toBe('max_tokens');
  });
});

describe('stop reasons and metadata', () => {
  it.each(STOP_REASONS.filter((reason) => reason !== 'tool_use'))(
    'ends with stopReason %s',
    async (stopReason) => {
      emulator.scenarios.push({ stopReason });
      const { events } = await stream({ messages: userText('hello'), toolConfig: weatherTool });
      expect(events.at(-2)?.messageStop?.stopReason).toBe(stopReason);
    },
  );

  it('adds a guardrail trace to metadata when a guardrail intervenes', async () => {
    const { events } = await stream({
      messages: userText('[[scenario:guardrail_intervened]] tell me something bad'),
      guardrailConfig: { guardrailIdentifier: 'gr1', guardrailVersion: '1', trace: 'enabled' },
    });
    expect(events.at(-1)?.metadata?.trace?.guardrail?.outputAssessments?.gr1).toHaveLength(1);
    expect(streamedText(events)).toBe('Sorry, the model cannot answer this question.');
  });

  it('writes the prompt cache on the first request and reads it on the next', async () => {
    const messages: Message[] = [
      {
        role: 'user',
        content: [
          // Past Claude Sonnet 4's minimum of 1024 tokens per cache point.
          { text: 'long shared context '.repeat(250) },
          { cachePoint: { type: 'default' } },
          { text: 'question' },
        ],
      },
    ];
    const system = [{ text: 'You are terse.' }, { cachePoint: { type: 'default' as const } }];
    // The system point alone is below the minimum, so only the message point caches.
    const first = (await stream({ modelId: SONNET4_US, messages, system })).events.at(-1)?.metadata?.usage;
    const second = (await stream({ modelId: SONNET4_US, messages, system })).events.at(-1)?.metadata?.usage;
    expect(first?.cacheDetails).toEqual([{ ttl: '5m', inputTokens: first?.cacheWriteInputTokens }]);
    expect(first?.cacheWriteInputTokens).toBeGreaterThan(100);
    expect(first?.cacheReadInputTokens).toBe(0);
    expect(second?.cacheReadInputTokens).toBe(first?.cacheWriteInputTokens);
    expect(second?.cacheWriteInputTokens).toBe(0);
    expect(second?.inputTokens).toBe(Math.ceil('question'.length / 4));
    expect(second?.totalTokens).toBe(
      second!.inputTokens! + second!.outputTokens! + second!.cacheReadInputTokens!,
    );
  });
});

describe('scenario selection', () => {
  it('sends a fixed event script, including an unknown event type the SDK skips', async () => {
    emulator.scenarios.push({
      name: 'scripted',
      script: [
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
        { futureEventType: { x: 1 } },
        { contentBlockStop: { contentBlockIndex: 0 } },
        { messageStop: { stopReason: 'end_turn' } },
      ],
    });
    const { events } = await stream({ messages: userText('anything') });
    expect(eventNames(events)).toEqual([
      'messageStart',
      'contentBlockDelta',
      'contentBlockStop',
      'messageStop',
    ]);
    expect(emulator.journal.entries()[0]).toMatchObject({ scenario: 'scripted', eventsSent: 5 });
  });

  it('sends a scripted exception member as an exception frame', async () => {
    emulator.scenarios.push({
      script: [
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
        { serviceUnavailableException: { message: 'scripted outage' } },
      ],
    });
    const out = await client.send(new ConverseStreamCommand({ modelId: HAIKU, messages: userText('x') }));
    const seen: string[] = [];
    let failure: Error | undefined;
    try {
      for await (const event of out.stream ?? []) seen.push(Object.keys(event)[0]!);
    } catch (error) {
      failure = error as Error;
    }
    expect(seen).toEqual(['messageStart', 'contentBlockDelta']);
    expect([failure?.name, failure?.message]).toEqual(['ServiceUnavailableException', 'scripted outage']);
  });

  it('takes a preset or JSON from the x-emulator-scenario header', async () => {
    const headerClient = runtimeClient(emulator, { maxAttempts: 1 });
    headerClient.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-emulator-scenario'] = JSON.stringify(
          { reply: 'from header' },
        );
        return next(args);
      },
      { step: 'build' },
    );
    const out = await headerClient.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: userText('ignored') }),
    );
    expect(streamedText(await collect(out.stream))).toBe('from header');
    headerClient.destroy();
  });

  it('takes a marker from the last user message and leaves it out of the echo', async () => {
    const { events } = await stream({ messages: userText('[[scenario:{"reply":"marked [[ok]]"}]] rest') });
    expect(streamedText(events)).toBe('marked [[ok]]');
    const plain = await stream({ messages: userText('before [[scenario:text]] after') });
    expect(streamedText(plain.events)).toBe('before  after');
  });

  it('prefers the programmatic queue, first in first out', async () => {
    emulator.scenarios.push({ reply: 'first' });
    emulator.scenarios.push({ reply: 'second' });
    const a = await stream({ messages: userText('[[scenario:{"reply":"marker"}]]') });
    const b = await stream({ messages: userText('x') });
    const c = await stream({ messages: userText('plain') });
    expect([streamedText(a.events), streamedText(b.events), streamedText(c.events)]).toEqual([
      'first',
      'second',
      'plain',
    ]);
  });
});

describe('Converse (non-streaming)', () => {
  it('returns the same reply as one message', async () => {
    const out = await client.send(
      new ConverseCommand({ modelId: HAIKU, messages: userText('hello converse') }),
    );
    expect(out.output?.message?.content).toEqual([{ text: 'hello converse' }]);
    expect(out.stopReason).toBe('end_turn');
    expect(out.usage?.outputTokens).toBe(Math.ceil('hello converse'.length / 4));
  });

  it('returns tool input as an object and reasoning with its signature', async () => {
    emulator.scenarios.push({ toolCall: { input: { city: 'Oslo' } }, reasoning: true });
    const out = await client.send(
      new ConverseCommand({ modelId: HAIKU, messages: userText('w'), toolConfig: weatherTool }),
    );
    const content = out.output?.message?.content ?? [];
    expect(content[0]?.reasoningContent?.reasoningText?.signature).toBeTruthy();
    expect(content.find((block) => block.toolUse)?.toolUse).toMatchObject({
      name: 'get_weather',
      input: { city: 'Oslo' },
    });
    expect(out.stopReason).toBe('tool_use');
  });

  it('folds a scripted stream into one response', async () => {
    emulator.scenarios.push({
      script: [
        { messageStart: { role: 'assistant' } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'a' } } },
        { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'b' } } },
        { messageStop: { stopReason: 'end_turn' } },
        {
          metadata: { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 }, metrics: { latencyMs: 7 } },
        },
      ],
    });
    const out = await client.send(new ConverseCommand({ modelId: HAIKU, messages: userText('w') }));
    expect(out.output?.message?.content).toEqual([{ text: 'ab' }]);
    expect(out.usage).toEqual({ inputTokens: 1, outputTokens: 2, totalTokens: 3 });
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
