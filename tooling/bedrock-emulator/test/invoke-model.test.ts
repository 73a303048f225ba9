// InvokeModel and InvokeModelWithResponseStream through the official AWS SDK: Anthropic Messages (thinking,
// tools, cache_control), Nova, Llama and the embedding models, with Bedrock's errors and stream faults.
import {
  AccessDeniedException,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type ResponseStream,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { failure, HAIKU, runtimeClient } from './helpers.js';

const SONNET37 = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';
const NOVA = 'amazon.nova-micro-v1:0';
const LLAMA = 'meta.llama3-70b-instruct-v1:0';
const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [
      { accessKeyId: 'AKIDINVOKE1', secretAccessKey: 'secret-one' },
      { accessKeyId: 'AKIDDENIED', secretAccessKey: 'secret-two', deniedModels: [HAIKU] },
    ],
  });
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.journal.clear();
  emulator.scenarios.clear();
});

const client = () => runtimeClient(emulator, { maxAttempts: 1 });
const encode = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));
const decode = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes));

async function invoke(modelId: string, body: unknown) {
  const out = await client().send(
    new InvokeModelCommand({
      modelId,
      body: encode(body),
      contentType: 'application/json',
      accept: 'application/json',
    }),
  );
  return decode(out.body);
}

async function invokeStream(modelId: string, body: unknown) {
  const out = await client().send(
    new InvokeModelWithResponseStreamCommand({
      modelId,
      body: encode(body),
      contentType: 'application/json',
    }),
  );
  const chunks: Record<string, unknown>[] = [];
  for await (const event of (out.body ?? []) as AsyncIterable<ResponseStream>) {
    if (event.chunk?.bytes) chunks.push(decode(event.chunk.bytes));
  }
  return chunks;
}

const claude = (text: string, extra: Record<string, unknown> = {}) => ({
  anthropic_version: 'bedrock-2023-05-31',
  max_tokens: 512,
  messages: [{ role: 'user', content: text }],
  ...extra,
});

describe('InvokeModel with the Anthropic Messages body', () => {
  it('answers a Messages response that restates the prompt, journaled as InvokeModel', async () => {
    const reply = await invoke(HAIKU, claude('Tell me about the sea'));
    expect(reply).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
      content: [{ type: 'text', text: 'Tell me about the sea' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
    });
    expect(reply.id).toMatch(/^msg_bdrk_/);
    expect(reply.usage.input_tokens).toBe(Math.ceil('Tell me about the sea'.length / 4));
    const [entry] = emulator.journal.entries();
    expect(entry).toMatchObject({
      operation: 'InvokeModel',
      modelId: HAIKU,
      status: 200,
      auth: { kind: 'sigv4' },
    });
  });

  it('thinks first, calls the forced tool and reports cache writes then reads', async () => {
    const body = claude('What is the weather in Paris?', {
      system: [
        { type: 'text', text: 'You are a weather bot. '.repeat(200), cache_control: { type: 'ephemeral' } },
      ],
      thinking: { type: 'enabled', budget_tokens: 1024 },
      tools: [
        {
          name: 'get_weather',
          description: 'weather',
          input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
      tool_choice: { type: 'any' },
    });
    const first = await invoke(SONNET37, body);
    expect(first.content.map((block: { type: string }) => block.type)).toEqual(['thinking', 'tool_use']);
    expect(first.content[0].signature.length).toBeGreaterThan(0);
    expect(first.content[1]).toMatchObject({ name: 'get_weather', input: { city: expect.any(String) } });
    expect(first.content[1].id).toMatch(/^toolu_bdrk_/);
    expect(first.stop_reason).toBe('tool_use');
    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    const second = await invoke(SONNET37, body);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
  });

  it('rejects a body without anthropic_version, with an extra key or a wrong type, in Bedrock words', async () => {
    const cases: [unknown, string][] = [
      [
        { max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] },
        'Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.',
      ],
      [
        claude('hi', { model: 'claude' }),
        'Malformed input request: #: extraneous key [model] is not permitted, please reformat your input and try again.',
      ],
      [
        claude('hi', { max_tokens: 'ten' }),
        'Malformed input request: #/max_tokens: expected type: Number, found: String, please reformat your input and try again.',
      ],
      [
        { ...claude('hi'), messages: [{ role: 'user', content: [{ type: 'text', text: 'x', extra: 1 }] }] },
        'Malformed input request: #/messages/0/content/0: extraneous key [extra] is not permitted, please reformat your input and try again.',
      ],
    ];
    for (const [body, message] of cases) {
      const error = await failure(invoke(HAIKU, body));
      expect(error).toBeInstanceOf(ValidationException);
      expect(error.message).toBe(message);
      expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(400);
    }
  });

  it('refuses a model the key may not use, and bodies of models the emulator does not speak', async () => {
    const denied = runtimeClient(emulator, {
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDDENIED', secretAccessKey: 'secret-two' },
    });
    const error = await failure(
      denied.send(
        new InvokeModelCommand({
          modelId: HAIKU,
          body: encode(claude('hi')),
          contentType: 'application/json',
        }),
      ),
    );
    expect(error).toBeInstanceOf(AccessDeniedException);
    const image = await failure(invoke('amazon.titan-image-generator-v2:0', { taskType: 'TEXT_IMAGE' }));
    expect(image).toBeInstanceOf(ValidationException);
    expect(image.message).toContain("This action doesn't support the model");
  });

  it('takes a Bedrock API key, and refuses a key denied the InvokeModel action', async () => {
    const bearer = runtimeClient(emulator, {
      maxAttempts: 1,
      token: { token: emulator.bearerToken },
      authSchemePreference: ['httpBearerAuth'],
    });
    const out = await bearer.send(
      new InvokeModelCommand({
        modelId: HAIKU,
        body: encode(claude('with a key')),
        contentType: 'application/json',
      }),
    );
    expect(decode(out.body).content[0].text).toBe('with a key');
    expect(emulator.journal.entries().at(-1)?.auth).toEqual({ kind: 'bearer', ok: true });
    const restricted = await startEmulator({
      credentials: [
        { accessKeyId: 'AKIDNOINVOKE', secretAccessKey: 's', deniedActions: ['bedrock:InvokeModel'] },
      ],
    });
    try {
      const error = await failure(
        runtimeClient(restricted, { maxAttempts: 1 }).send(
          new InvokeModelCommand({
            modelId: HAIKU,
            body: encode(claude('x')),
            contentType: 'application/json',
          }),
        ),
      );
      expect(error).toBeInstanceOf(AccessDeniedException);
      expect(error.message).toContain('is not authorized to perform: bedrock:InvokeModel');
    } finally {
      await restricted.stop();
    }
  });

  it('corrupts a streamed chunk frame when asked (bad CRC), as for ConverseStream', async () => {
    emulator.scenarios.push({ badCrcAtEvent: 1 });
    const error = await failure(invokeStream(HAIKU, claude('one two three four')));
    expect(error.message).toMatch(/checksum/i);
  });

  it('honours fault scenarios like Converse: an HTTP error, and throttling retried by the SDK', async () => {
    emulator.scenarios.push({ httpError: { status: 503, type: 'ServiceUnavailableException' } });
    const error = await failure(invoke(HAIKU, claude('hi')));
    expect(error.name).toBe('ServiceUnavailableException');
    const throttled = await failure(invoke(HAIKU, claude('hi [[scenario:http-429]]')));
    expect(throttled).toBeInstanceOf(ThrottlingException);
    expect(emulator.journal.entries().at(-1)).toMatchObject({ scenario: 'http-429', status: 429 });
  });
});

describe('InvokeModelWithResponseStream with the Anthropic Messages body', () => {
  it('sends Anthropic SSE events in chunk frames, invocation metrics on the last', async () => {
    const chunks = await invokeStream(HAIKU, claude('one two three four five six seven'));
    const types = chunks.map((chunk) => chunk.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(types[1]).toBe('content_block_start');
    const text = chunks
      .filter((chunk) => chunk.type === 'content_block_delta')
      .map((chunk) => (chunk.delta as { text: string }).text)
      .join('');
    expect(text).toBe('one two three four five six seven');
    const metrics = chunks.at(-1)!['amazon-bedrock-invocationMetrics'] as Record<string, number>;
    expect(metrics.inputTokenCount).toBe(Math.ceil('one two three four five six seven'.length / 4));
    expect(metrics.outputTokenCount).toBe((chunks.at(-2)!.usage as { output_tokens: number }).output_tokens);
    expect(Object.keys(metrics).sort()).toEqual([
      'firstByteLatency',
      'inputTokenCount',
      'invocationLatency',
      'outputTokenCount',
    ]);
    expect(emulator.journal.entries()[0]).toMatchObject({
      operation: 'InvokeModelWithResponseStream',
      status: 200,
    });
  });

  it('streams tool input as input_json_delta pieces that join to the tool input', async () => {
    const chunks = await invokeStream(
      HAIKU,
      claude('weather?', {
        tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }],
        tool_choice: { type: 'tool', name: 'lookup' },
      }),
    );
    const json = chunks
      .filter((chunk) => (chunk.delta as { type?: string } | undefined)?.type === 'input_json_delta')
      .map((chunk) => (chunk.delta as { partial_json: string }).partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ q: 'weather?' });
    expect(chunks.find((chunk) => chunk.type === 'message_delta')?.delta).toMatchObject({
      stop_reason: 'tool_use',
    });
  });

  it('fails inside the stream with the modeled exception after some chunks', async () => {
    emulator.scenarios.push({ streamException: { type: 'throttlingException', afterEvents: 2 } });
    const error = await failure(invokeStream(HAIKU, claude('a b c d e f g h')));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.message).toBe('Too many tokens, please wait before trying again.');
    expect(emulator.journal.entries()[0]?.eventsSent).toBe(2);
  });
});

describe('Nova and Llama native bodies', () => {
  it('answers Nova messages-v1 in its own shape, streamed as keyed events', async () => {
    const body = {
      schemaVersion: 'messages-v1',
      messages: [{ role: 'user', content: [{ text: 'Hello Nova' }] }],
      inferenceConfig: { max_new_tokens: 100 },
    };
    const reply = await invoke(NOVA, body);
    expect(reply).toMatchObject({
      output: { message: { role: 'assistant', content: [{ text: 'Hello Nova' }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 3, cacheReadInputTokenCount: 0 },
    });
    const chunks = await invokeStream(NOVA, body);
    expect(Object.keys(chunks[0]!)).toEqual(['messageStart']);
    expect(chunks.at(-1)).toHaveProperty('metadata.usage.inputTokens', 3);
    expect(chunks.at(-1)).toHaveProperty('amazon-bedrock-invocationMetrics.inputTokenCount', 3);
    const error = await failure(invoke(NOVA, { ...body, inferenceConfig: { maxTokens: 5 } }));
    expect(error.message).toBe(
      'Malformed input request: #/inferenceConfig: extraneous key [maxTokens] is not permitted, please reformat your input and try again.',
    );
  });

  it('answers a Llama 3 chat-template prompt with a generation, and streams it', async () => {
    const prompt =
      '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhy is the sky blue?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';
    const reply = await invoke(LLAMA, { prompt, max_gen_len: 256 });
    expect(reply).toMatchObject({
      generation: 'Why is the sky blue?',
      stop_reason: 'stop',
      generation_token_count: 5,
    });
    const chunks = await invokeStream(LLAMA, { prompt, max_gen_len: 2 });
    expect(chunks.map((chunk) => chunk.generation).join('')).toBe('Why is t');
    expect(chunks.at(-1)).toMatchObject({ stop_reason: 'length' });
    expect(chunks[0]?.prompt_token_count).toBe(5);
    expect(chunks.at(-1)).toHaveProperty('amazon-bedrock-invocationMetrics');
  });
});

describe('embedding models', () => {
  const norm = (vector: number[]) => Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  const cosine = (a: number[], b: number[]) =>
    a.reduce((sum, x, i) => sum + x * b[i]!, 0) / (norm(a) * norm(b));

  it('gives Titan v2 vectors of the requested dimensions, the same for the same text', async () => {
    for (const dimensions of [256, 512, 1024]) {
      const reply = await invoke(TITAN, { inputText: 'the quick brown fox', dimensions });
      expect(reply.embedding).toHaveLength(dimensions);
      expect(norm(reply.embedding)).toBeCloseTo(1, 5);
      expect(reply.inputTextTokenCount).toBe(5);
    }
    const a = (await invoke(TITAN, { inputText: 'the quick brown fox' })).embedding;
    const again = (await invoke(TITAN, { inputText: 'the quick brown fox' })).embedding;
    const near = (await invoke(TITAN, { inputText: 'the quick brown foxes' })).embedding;
    const far = (await invoke(TITAN, { inputText: 'interest rates rose in march' })).embedding;
    expect(a).toHaveLength(1024);
    expect(again).toEqual(a);
    expect(cosine(a, near)).toBeGreaterThan(cosine(a, far));
    const raw = (await invoke(TITAN, { inputText: 'the quick brown fox', normalize: false })).embedding;
    expect(norm(raw)).not.toBeCloseTo(1, 2);
  });

  it('rejects a Titan dimension that is not 256, 512 or 1024', async () => {
    const error = await failure(invoke(TITAN, { inputText: 'x', dimensions: 300 }));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toMatch(/^Malformed input request: #\/dimensions: /);
  });

  it('gives Cohere Embed 1024-dimension vectors per text, by type when asked', async () => {
    const floats = await invoke(COHERE, { texts: ['alpha', 'beta'], input_type: 'search_document' });
    expect(floats.response_type).toBe('embeddings_floats');
    expect(floats.embeddings).toHaveLength(2);
    expect(floats.embeddings[0]).toHaveLength(1024);
    expect(floats.texts).toEqual(['alpha', 'beta']);
    const typed = await invoke(COHERE, {
      texts: ['alpha'],
      input_type: 'search_query',
      embedding_types: ['float', 'int8'],
    });
    expect(typed.response_type).toBe('embeddings_by_type');
    expect(typed.embeddings.float[0]).toEqual(floats.embeddings[0]);
    expect(typed.embeddings.int8[0].every((x: number) => Number.isInteger(x) && x >= -128 && x <= 127)).toBe(
      true,
    );
    const error = await failure(invoke(COHERE, { texts: ['alpha'] }));
    expect(error.message).toBe(
      'Malformed input request: #: required key [input_type] not found, please reformat your input and try again.',
    );
  });

  it('refuses to stream an embedding model', async () => {
    const error = await failure(invokeStream(TITAN, { inputText: 'x' }));
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe('The model is unsupported for streaming.');
  });
});
