import { embedText } from '@outcrop/bedrock-emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { raw, startTestGateway, type TestGateway } from './helpers.js';

// The official `openai` client against /v1/embeddings, the gateway over its emulator (real AWS SDK, real wire).
const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';

let t: TestGateway;
let client: OpenAI;

beforeAll(async () => {
  t = await startTestGateway();
  client = new OpenAI({ baseURL: `${t.gateway.url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
afterAll(async () => {
  await t?.stop();
});
beforeEach(() => t.emulator.journal.clear());

const invocations = () => t.emulator.journal.entries().filter((e) => e.operation === 'InvokeModel');
const apiError = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected an error');
    },
    (err: unknown) => {
      if (!(err instanceof OpenAI.APIError)) throw err;
      return err;
    },
  );
const close = (a: readonly number[], b: readonly number[]) => {
  expect(a).toHaveLength(b.length);
  for (const [i, x] of a.entries()) expect(x).toBeCloseTo(b[i]!, 5);
};

describe('/v1/embeddings through the openai client', () => {
  it('embeds with Titan V2 at the asked dimensions, floats as sent', async () => {
    const data = await client.embeddings.create({
      model: TITAN,
      input: 'granite is an igneous rock',
      dimensions: 256,
      encoding_format: 'float',
    });
    expect(data.object).toBe('list');
    expect(data.model).toBe(TITAN);
    expect(data.data).toHaveLength(1);
    expect(data.data[0]).toMatchObject({ object: 'embedding', index: 0 });
    expect(data.data[0]!.embedding).toEqual(embedText(TITAN, 'granite is an igneous rock', 256));
    expect(data.usage.prompt_tokens).toBe(Math.ceil('granite is an igneous rock'.length / 4));
    expect(data.usage.total_tokens).toBe(data.usage.prompt_tokens);
    expect(invocations()[0]?.body).toEqual({ inputText: 'granite is an igneous rock', dimensions: 256 });
  });

  it('sends base64 by default (the SDK asks for it) and the SDK decodes the same vectors', async () => {
    const texts = ['basalt is volcanic', 'sandstone is sedimentary'];
    const decoded = await client.embeddings.create({ model: TITAN, input: texts });
    expect(decoded.data.map((d) => d.index)).toEqual([0, 1]);
    for (const [i, d] of decoded.data.entries()) close(d.embedding, embedText(TITAN, texts[i]!, 1024));
    // On the wire: base64 of little-endian float32, what the SDK asked for.
    const wire = await raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/embeddings',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: TITAN, input: texts[0], encoding_format: 'base64' }),
    });
    const encoded = JSON.parse(wire.body).data[0].embedding as string;
    expect(typeof encoded).toBe('string');
    const bytes = Buffer.from(encoded, 'base64');
    const floats = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    close(floats, embedText(TITAN, texts[0]!, 1024));
  });

  it('batches Cohere over its 96-text limit and keeps the order; input_type travels as an extra field', async () => {
    const texts = Array.from({ length: 130 }, (_, i) => `core sample ${i} from the quarry`);
    const result = await client.embeddings.create({
      model: `amazon-bedrock/${COHERE}`,
      input: texts,
      encoding_format: 'float',
      // @ts-expect-error input_type is the gateway's extra body field (Cohere's input type)
      input_type: 'search_query',
    });
    expect(result.data).toHaveLength(130);
    expect(result.data[129]!.embedding).toEqual(embedText(COHERE, texts[129]!, 1024));
    expect(result.data[0]!.embedding).toEqual(embedText(COHERE, texts[0]!, 1024));
    const bodies = invocations().map((e) => e.body as { texts: string[]; input_type: string });
    expect(bodies.map((b) => b.texts.length).sort((a, b) => a - b)).toEqual([34, 96]);
    expect(bodies.every((b) => b.input_type === 'search_query')).toBe(true);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('defaults Cohere to search_document and sends Titan one text a call', async () => {
    await client.embeddings.create({ model: COHERE, input: ['a document'] });
    expect(invocations()[0]?.body).toMatchObject({ input_type: 'search_document' });
    t.emulator.journal.clear();
    await client.embeddings.create({ model: TITAN, input: ['one', 'two', 'three', 'four', 'five'] });
    expect(invocations()).toHaveLength(5);
  });

  it('lists the embedding models in /v1/models with their limits', async () => {
    const models = await client.models.list();
    const titan = models.data.find((m) => m.id === `amazon-bedrock/${TITAN}`) as unknown as {
      capabilities: { embedding: { dimensions: number[]; max_inputs_per_call: number } };
    };
    expect(titan.capabilities.embedding).toMatchObject({
      dimensions: [1024, 512, 256],
      max_inputs_per_call: 1,
    });
    const cohere = models.data.find((m) => m.id === `amazon-bedrock/${COHERE}`) as unknown as typeof titan;
    expect(cohere.capabilities.embedding.max_inputs_per_call).toBe(96);
  });
});

describe('/v1/embeddings errors in the OpenAI shape, naming the caller field', () => {
  it('an unknown model is a 404 at model, naming the closest embedding model', async () => {
    const err = await apiError(
      client.embeddings.create({ model: 'amazon.titan-embed-text-v3:0', input: 'x' }),
    );
    expect(err.status).toBe(404);
    expect(err.param).toBe('model');
    expect(err.message).toContain(TITAN);
  });

  it('a chat model is a 400 at model', async () => {
    const models = await client.models.list();
    const chat = models.data.find((m) => m.id.includes('claude'))!.id;
    const err = await apiError(client.embeddings.create({ model: chat, input: 'hello' }));
    expect(err.status).toBe(400);
    expect(err.param).toBe('model');
    expect(err.message).toContain('not an embedding model');
    expect(invocations()).toHaveLength(0);
  });

  it('too many inputs, an empty string and token arrays are 400s at input', async () => {
    const many = await apiError(
      client.embeddings.create({ model: COHERE, input: Array.from({ length: 2049 }, () => 'x') }),
    );
    expect(many.status).toBe(400);
    expect(many.param).toBe('input');
    expect(many.message).toContain('2048');
    const empty = await apiError(client.embeddings.create({ model: COHERE, input: ['fine', ''] }));
    expect(empty.status).toBe(400);
    expect(empty.param).toBe('input[1]');
    const blank = await apiError(client.embeddings.create({ model: TITAN, input: '' }));
    expect(blank.param).toBe('input');
    const tokens = await apiError(client.embeddings.create({ model: TITAN, input: [1, 2, 3] }));
    expect(tokens.status).toBe(400);
    expect(tokens.param).toBe('input');
    expect(invocations()).toHaveLength(0);
  });

  it('a dimension the model lacks is a 400 at dimensions; a text over the model limit one at input', async () => {
    const dims = await apiError(client.embeddings.create({ model: TITAN, input: 'x', dimensions: 1536 }));
    expect(dims.status).toBe(400);
    expect(dims.param).toBe('dimensions');
    expect(dims.message).toContain('256');
    const long = await apiError(client.embeddings.create({ model: COHERE, input: ['ok', 'y'.repeat(2049)] }));
    expect(long.status).toBe(400);
    expect(long.param).toBe('input');
    expect(long.message).toContain('input[1]');
  });

  it('a Bedrock throttle is retried; one that lasts is a 429 with retry-after, in the OpenAI shape', async () => {
    const throttle = { httpError: { status: 429, type: 'ThrottlingException' } };
    t.emulator.scenarios.push(throttle);
    const ok = await client.embeddings.create({ model: COHERE, input: 'busy once' });
    expect(ok.data).toHaveLength(1);
    expect(invocations().map((e) => e.status)).toEqual([429, 200]);
    // Every attempt the gateway makes (3) is throttled.
    for (let i = 0; i < 3; i++) t.emulator.scenarios.push(throttle);
    const err = await apiError(client.embeddings.create({ model: COHERE, input: 'busy' }));
    expect(err.status).toBe(429);
    expect(err.headers.get('retry-after')).not.toBeNull();
    expect((err.error as { type?: string }).type).toBe('rate_limit_error');
  });
});
