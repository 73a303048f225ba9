import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers.js';

// The real `@anthropic-ai/sdk` is the caller, with Claude Code's model names: what works here works for it.
let t: TestGateway;
let client: Anthropic;
const TOKEN = 'sk-gw-anthropic-test-token-0123456789';
const MODEL = 'claude-sonnet-4-5';

const scenario = (s: object) => `[[scenario:${JSON.stringify(s)}]]`;

beforeAll(async () => {
  t = await startTestGateway({ gateway: { auth: { tokens: [TOKEN] } } });
  client = new Anthropic({ baseURL: t.gateway.url, apiKey: TOKEN, maxRetries: 0 });
});

afterAll(async () => {
  await t?.stop();
});

describe('messages through the anthropic client', () => {
  it('answers a non-streaming call with a message, usage and Anthropic stop reason', async () => {
    const { data, response } = await client.messages
      .create({
        model: MODEL,
        max_tokens: 200,
        system: 'You are terse.',
        messages: [{ role: 'user', content: 'hello there messages' }],
      })
      .withResponse();
    expect(data.type).toBe('message');
    expect(data.role).toBe('assistant');
    expect(data.model).toBe(MODEL);
    const text = data.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    expect(text).toContain('hello there messages');
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('streams the event sequence the SDK assembles into the final message', async () => {
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 200,
      messages: [{ role: 'user', content: 'The quick brown fox jumps over the lazy dog' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    const text = message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
    expect(text).toContain('quick brown fox');
    expect(types[0]).toBe('message_start');
    expect(types).toContain('content_block_start');
    expect(types).toContain('content_block_delta');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('ends a stream that fails mid-way with an error event the SDK raises', async () => {
    const stream = client.messages.stream({
      model: MODEL,
      max_tokens: 200,
      messages: [
        {
          role: 'user',
          content: `one two three four five six seven eight nine ten ${scenario({ streamException: { type: 'modelStreamErrorException', afterEvents: 4, message: 'model crashed' } })}`,
        },
      ],
    });
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
  });

  it('round-trips a tool call with thinking, replaying the signed thinking block', async () => {
    const tools: Anthropic.Tool[] = [
      {
        name: 'get_weather',
        description: 'Weather for a city',
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const question = `Weather in Paris? ${scenario({ reasoning: true, toolCall: { name: 'get_weather', input: { city: 'Paris' } } })}`;
    const first = await client.messages
      .stream({
        model: MODEL,
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        tools,
        messages: [{ role: 'user', content: question }],
      })
      .finalMessage();
    expect(first.stop_reason).toBe('tool_use');
    const thinking = first.content.find((b) => b.type === 'thinking');
    expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(0);
    const call = first.content.find((b) => b.type === 'tool_use');
    expect(call?.type === 'tool_use' && call.input).toEqual({ city: 'Paris' });

    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools,
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: call!.type === 'tool_use' ? call!.id : '',
              content: 'sunny, 21C',
            },
          ],
        },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    // The emulator checks the replayed signature; a missing or altered one would fail the call.
    const request = t.emulator.journal
      .entries()
      .filter((e) => e.operation === 'ConverseStream')
      .at(-1)?.body as { messages: { content: Record<string, unknown>[] }[] };
    const assistant = request.messages[1]!.content;
    const replayed = assistant.find((b) => 'reasoningContent' in b) as
      | { reasoningContent: { reasoningText: { signature: string } } }
      | undefined;
    expect(replayed?.reasoningContent.reasoningText.signature).toBe(
      thinking?.type === 'thinking' ? thinking.signature : '',
    );
  });

  it('streams redacted thinking as a redacted_thinking block the client can send back', async () => {
    const question = `think privately ${scenario({ reasoning: 'redacted' })}`;
    const first = await client.messages
      .stream({
        model: MODEL,
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 2048 },
        messages: [{ role: 'user', content: question }],
      })
      .finalMessage();
    const redacted = first.content.find((b) => b.type === 'redacted_thinking');
    expect(redacted?.type === 'redacted_thinking' && redacted.data.length).toBeGreaterThan(0);
    const second = await client.messages.create({
      model: MODEL,
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: first.content },
        { role: 'user', content: 'and now?' },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
  });

  it('takes system blocks and tools with cache_control as a request for caching', async () => {
    const system = 'You answer questions about rocks. '.repeat(400);
    const ask = () =>
      client.messages.create({
        model: MODEL,
        max_tokens: 100,
        system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: 'what is granite' }],
      });
    const first = await ask();
    const second = await ask();
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(second.usage.cache_read_input_tokens).toBeGreaterThan(0);
  });

  it('accepts images and PDF and text documents', async () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
            {
              type: 'document',
              source: { type: 'base64', media_type: 'application/pdf', data: pdf },
              title: 'report',
            },
            {
              type: 'document',
              source: { type: 'text', media_type: 'text/plain', data: 'plain notes' },
              title: 'notes',
            },
            { type: 'text', text: 'describe these attachments' },
          ],
        },
      ],
    });
    expect(message.stop_reason).toBe('end_turn');
    const request = t.emulator.journal
      .entries()
      .filter((e) => e.operation === 'ConverseStream')
      .at(-1)?.body as { messages: { content: Record<string, unknown>[] }[] };
    const kinds = request.messages[0]!.content.map((b) => Object.keys(b)[0]);
    expect(kinds).toEqual(['image', 'document', 'document', 'text']);
  });

  it('counts tokens with Bedrock CountTokens, without calling the model', async () => {
    const converse = () =>
      t.emulator.journal.entries().filter((e) => e.operation === 'ConverseStream').length;
    const before = converse();
    const { data, response } = await client.messages
      .countTokens({
        model: MODEL,
        system: 'x'.repeat(400),
        messages: [{ role: 'user', content: 'y'.repeat(400) }],
      })
      .withResponse();
    expect(data.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-outcrop-estimate')).toBeNull();
    expect(t.emulator.journal.entries().some((e) => e.operation === 'CountTokens')).toBe(true);
    expect(converse()).toBe(before);
  });

  it('names dropped beta flags and ignored fields in x-outcrop-warnings', async () => {
    const { response } = await client.messages
      .create(
        // top_k is not in this SDK's types; older clients and Claude Code may still send it.
        {
          model: MODEL,
          max_tokens: 50,
          top_k: 5,
          messages: [{ role: 'user', content: 'hi' }],
        } as Anthropic.MessageCreateParamsNonStreaming,
        { headers: { 'anthropic-beta': 'interleaved-thinking-2025-05-14' } },
      )
      .withResponse();
    const warnings = response.headers.get('x-outcrop-warnings') ?? '';
    expect(warnings).toContain('ignored(top_k)');
    expect(warnings).toContain('dropped(anthropic-beta.interleaved-thinking-2025-05-14)');
  });

  it('raises typed SDK errors from Anthropic-shaped bodies', async () => {
    const bad = new Anthropic({ baseURL: t.gateway.url, apiKey: 'wrong-key', maxRetries: 0 });
    const auth = await bad.messages
      .create({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((err: unknown) => err);
    expect(auth).toBeInstanceOf(Anthropic.AuthenticationError);

    const invalid = await client.messages
      .create({ model: MODEL, max_tokens: 0, messages: [{ role: 'user', content: 'hi' }] })
      .catch((err: unknown) => err);
    expect(invalid).toBeInstanceOf(Anthropic.BadRequestError);
    const body = (invalid as InstanceType<typeof Anthropic.BadRequestError>).error as {
      type: string;
      error: { type: string; message: string };
    };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain('max_tokens');

    const unknown = await client.messages
      .create({ model: 'claude-imaginary-9', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] })
      .catch((err: unknown) => err);
    expect(unknown).toBeInstanceOf(Anthropic.NotFoundError);
  });
});
