import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers.js';

// The real `openai` client is the caller: what works here works for every OpenAI-compatible tool.
let t: TestGateway;
let client: OpenAI;
let model: string;

const scenario = (s: object) => `[[scenario:${JSON.stringify(s)}]]`;

beforeAll(async () => {
  t = await startTestGateway();
  client = new OpenAI({ baseURL: `${t.gateway.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  const models = await client.models.list();
  const ids = models.data.map((m) => m.id);
  model = ids.find((id) => id.includes('claude-sonnet-4-5')) ?? ids[0]!;
});

afterAll(async () => {
  await t?.stop();
});

describe('chat completions through the openai client', () => {
  it('streams a reply as content deltas that end with finish_reason stop', async () => {
    const stream = await client.chat.completions.create({
      model,
      stream: true,
      messages: [{ role: 'user', content: 'The quick brown fox jumps over the lazy dog' }],
    });
    let text = '';
    const finishes: (string | null)[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finishes.push(chunk.choices[0]?.finish_reason ?? null);
    }
    expect(text).toContain('quick brown fox');
    expect(finishes.filter((f) => f !== null)).toEqual(['stop']);
  });

  it('reports usage, with cached tokens, when stream_options.include_usage is set', async () => {
    const stream = await client.chat.completions.create({
      model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'count these words for usage please' }],
    });
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
    expect(usage?.prompt_tokens_details?.cached_tokens).toBeTypeOf('number');
  });

  it('answers non-streaming requests with one chat.completion and the emulator header', async () => {
    const { data, response } = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hello there gateway' }], max_tokens: 200 })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toContain('hello there gateway');
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('round-trips a tool call: tool_calls out, tool result back in', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather for a city',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
    ];
    const question = `What is the weather in Paris? ${scenario({ toolCall: { name: 'get_weather', input: { city: 'Paris' } } })}`;
    const stream = await client.chat.completions.create({
      model,
      stream: true,
      tools,
      messages: [{ role: 'user', content: question }],
    });
    const calls = new Map<number, { id: string; name: string; args: string }>();
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      for (const call of choice?.delta.tool_calls ?? []) {
        const entry = calls.get(call.index) ?? { id: '', name: '', args: '' };
        if (call.id) entry.id = call.id;
        if (call.function?.name) entry.name = call.function.name;
        entry.args += call.function?.arguments ?? '';
        calls.set(call.index, entry);
      }
      finish = choice?.finish_reason ?? finish;
    }
    expect(finish).toBe('tool_calls');
    const call = calls.get(0)!;
    expect(call.name).toBe('get_weather');
    expect(JSON.parse(call.args)).toEqual({ city: 'Paris' });

    const followUp = await client.chat.completions.create({
      model,
      tools,
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: call.id, type: 'function', function: { name: call.name, arguments: call.args } },
          ],
        },
        { role: 'tool', tool_call_id: call.id, content: 'Sunny and 21 degrees' },
        { role: 'user', content: 'Summarise the forecast' },
      ],
    });
    expect(followUp.choices[0]?.finish_reason).toBe('stop');
    expect(followUp.choices[0]?.message.content).toContain('Summarise the forecast');
    const sent = t.emulator.journal.entries().at(-1)?.body as { messages: { content: unknown[] }[] };
    expect(JSON.stringify(sent.messages)).toContain('Sunny and 21 degrees');
  });

  it('streams reasoning as reasoning_content deltas', async () => {
    const stream = await client.chat.completions.create({
      model,
      stream: true,
      reasoning_effort: 'low',
      messages: [{ role: 'user', content: `Think first. ${scenario({ reasoning: true })}` }],
    });
    let reasoning = '';
    let text = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { reasoning_content?: string; content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
      text += delta?.content ?? '';
    }
    // The emulator thinks "The user wrote N characters. I will restate them." and then restates the prompt
    // (marker removed): reasoning and text must each arrive whole and in their own delta field.
    expect(reasoning).toBe('The user wrote 12 characters. I will restate them.');
    expect(text).toBe('Think first.');
  });

  it('keeps thinking + tools working: signed reasoning is restored when the client replays the tool call', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
    ];
    const question = `Weather in Oslo? ${scenario({ reasoning: true, toolCall: { name: 'get_weather', input: {} } })}`;
    const first = await client.chat.completions.create({
      model,
      tools,
      reasoning_effort: 'low',
      messages: [{ role: 'user', content: question }],
    });
    const message = first.choices[0]!.message as OpenAI.ChatCompletionMessage & {
      reasoning_content?: string;
    };
    const call = message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    const sentReasoning = message.reasoning_content;
    expect(sentReasoning).toBe('The user wrote 16 characters. I will restate them.');

    // A plain OpenAI client sends back only content and tool_calls: no reasoning, no signature.
    await client.chat.completions.create({
      model,
      tools,
      reasoning_effort: 'low',
      messages: [
        { role: 'user', content: question },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: 'Cold and clear' },
      ],
    });
    const body = t.emulator.journal.entries().at(-1)?.body as {
      messages: { role: string; content: unknown[] }[];
    };
    const assistant = body.messages.find((m) => m.role === 'assistant')!;
    expect(assistant.content[0]).toMatchObject({
      reasoningContent: { reasoningText: { text: sentReasoning, signature: expect.any(String) } },
    });
  });

  it('maps an upstream validation error to 400 with an OpenAI error body', async () => {
    const err = await client.chat.completions
      .create({
        model,
        messages: [
          {
            role: 'user',
            content: `x ${scenario({ httpError: { status: 400, type: 'ValidationException', message: 'bad input' } })}`,
          },
        ],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.APIError>).code).toBe('validation');
  });

  it('answers persistent throttling with 429', async () => {
    const err = await client.chat.completions
      .create({
        model,
        stream: true,
        messages: [{ role: 'user', content: `x ${scenario({ throttleAttempts: 20 })}` }],
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('ends a stream that fails midway with an error the client raises, not a normal stop', async () => {
    const stream = await client.chat.completions.create({
      model,
      stream: true,
      messages: [
        {
          role: 'user',
          content: `one two three four five six seven eight nine ten ${scenario({
            streamException: { type: 'modelStreamErrorException', afterEvents: 4, message: 'model crashed' },
          })}`,
        },
      ],
    });
    const finishes: string[] = [];
    let text = '';
    const err = await (async () => {
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        if (chunk.choices[0]?.finish_reason) finishes.push(chunk.choices[0].finish_reason);
      }
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(String((err as Error).message)).toMatch(/model crashed|model/i);
    expect(finishes).toEqual([]);
    expect(text.length).toBeGreaterThan(0);
  });

  it('answers an unknown model with 404 and the closest matches', async () => {
    const err = await client.chat.completions
      .create({ model: `${model}x`, messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as Error).message).toContain(model);
  });

  it('accepts a bare Bedrock id and sends images from data URLs as image blocks', async () => {
    const png =
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const bare = model.replace(/^amazon-bedrock\//, '');
    const completion = await client.chat.completions.create({
      model: bare,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'describe this picture' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.message.content).toContain('describe this picture');
    const sent = t.emulator.journal.entries().at(-1)?.body as {
      messages: { content: Record<string, unknown>[] }[];
    };
    const image = sent.messages[0]?.content.find((block) => 'image' in block) as {
      image: { format: string };
    };
    expect(image.image.format).toBe('png');
  });

  it('lists models with context window, max tokens and capabilities', async () => {
    const page = await client.models.list();
    const entry = page.data.find((m) => m.id === model) as unknown as Record<string, unknown>;
    expect(entry.context_window).toBeGreaterThan(0);
    expect(entry.max_tokens).toBeGreaterThan(0);
    expect(entry.capabilities).toMatchObject({ tool_use: true });
  });
});

describe('chat completions parameters', () => {
  it('answers response_format json_schema with JSON that matches the schema', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, celsius: { type: 'number' } },
      required: ['city', 'celsius'],
      additionalProperties: false,
    };
    const completion = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'weather in Oslo as JSON' }],
      response_format: { type: 'json_schema', json_schema: { name: 'weather', schema } },
    });
    const parsed = JSON.parse(completion.choices[0]?.message.content ?? '');
    expect(typeof parsed.city).toBe('string');
    expect(typeof parsed.celsius).toBe('number');
  });

  it('caches a repeated long prompt by itself: the second call reports cached_tokens', async () => {
    const system = 'You are a careful geologist who explains rocks. '.repeat(200);
    const ask = () =>
      client.chat.completions.create({
        model,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: 'what is gneiss' },
        ],
      });
    await ask();
    const second = await ask();
    expect(second.usage?.prompt_tokens_details?.cached_tokens).toBeGreaterThan(0);
  });

  it('names parameters it cannot honour in x-outcrop-warnings', async () => {
    const { response } = await client.chat.completions
      .create({
        model,
        messages: [{ role: 'user', content: 'hi' }],
        seed: 7,
        frequency_penalty: 0.5,
        parallel_tool_calls: false,
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
      })
      .withResponse();
    const warnings = response.headers.get('x-outcrop-warnings') ?? '';
    expect(warnings).toContain('ignored(seed)');
    expect(warnings).toContain('ignored(frequency_penalty)');
    expect(warnings).toContain('ignored(parallel_tool_calls)');
  });

  it('sends a PDF file part to Bedrock as a document', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
    const completion = await client.chat.completions.create({
      model,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              file: { file_data: `data:application/pdf;base64,${pdf}`, filename: 'report.pdf' },
            },
            { type: 'text', text: 'summarise the report' },
          ],
        },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    const request = t.emulator.journal
      .entries()
      .filter((e) => e.operation === 'ConverseStream')
      .at(-1)?.body as { messages: { content: Record<string, unknown>[] }[] };
    const document = request.messages[0]!.content[0] as { document?: { format: string } };
    expect(document.document?.format).toBe('pdf');
  });

  it("names the caller's parameter when the model refuses a setting", async () => {
    const err = await client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 900_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    const bad = err as InstanceType<typeof OpenAI.BadRequestError>;
    expect(bad.param).toBe('max_tokens');
    expect(bad.message).toContain('max_tokens 900000');
    expect(bad.message).not.toContain('maxTokens');
  });
});
