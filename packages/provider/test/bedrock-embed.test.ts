import { embedText } from '@outcrop/bedrock-emulator';
import { beforeEach, describe, expect, it } from 'vitest';
import { ProviderError, UnknownModelError } from '../src/errors.js';
import type { EmbedResult, ProviderV1 } from '../src/spec.js';
import { outcropFor, SONNET_4, useOutcropHarness } from './helpers.js';

const TITAN = 'amazon.titan-embed-text-v2:0';
const COHERE = 'cohere.embed-english-v3';

const setup = useOutcropHarness();
beforeEach(() => setup.h.emulator.journal.clear());

const invocations = () => setup.h.emulator.journal.entries().filter((e) => e.operation === 'InvokeModel');
const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );

describe('embed() on amazon-bedrock', () => {
  it('sends Titan V2 one text per InvokeModel call and keeps the vectors in input order', async () => {
    const texts = ['the first text', 'a second, different one', 'and a third'];
    const result = await setup.outcrop.embed(TITAN, texts, { dimensions: 256 });
    expect(result.calls).toBe(3);
    expect(invocations().map((e) => e.body)).toEqual(
      expect.arrayContaining(texts.map((inputText) => ({ inputText, dimensions: 256 }))),
    );
    expect(invocations().every((e) => e.modelId === TITAN && e.status === 200)).toBe(true);
    expect(result.embeddings).toEqual(texts.map((text) => embedText(TITAN, text, 256)));
    for (const vector of result.embeddings) expect(norm(vector)).toBeCloseTo(1, 4);
    expect(result.usage.source).toBe('provider');
    expect(result.usage.inputTokens).toBe(texts.reduce((sum, t) => sum + Math.ceil(t.length / 4), 0));
    expect(result.response.requestIds).toHaveLength(3);
  });

  it('passes normalize: false to Titan V2', async () => {
    const result = await setup.outcrop.embed(`amazon-bedrock/${TITAN}`, ['not a unit vector'], {
      normalize: false,
    });
    expect(invocations()[0]?.body).toEqual({ inputText: 'not a unit vector', normalize: false });
    expect(result.embeddings[0]).toHaveLength(1024);
    expect(norm(result.embeddings[0]!)).not.toBeCloseTo(1, 2);
  });

  it('batches Cohere at 96 texts a call, input_type search_document by default', async () => {
    const texts = Array.from({ length: 100 }, (_, i) => `document number ${i}`);
    const result = await setup.outcrop.embed(COHERE, texts);
    expect(result.calls).toBe(2);
    const bodies = invocations().map((e) => e.body as { texts: string[]; input_type: string });
    expect(bodies.map((b) => b.texts.length).sort((a, b) => a - b)).toEqual([4, 96]);
    expect(bodies.every((b) => b.input_type === 'search_document')).toBe(true);
    expect(result.embeddings).toHaveLength(100);
    expect(result.embeddings[99]).toEqual(embedText(COHERE, 'document number 99', 1024));
    expect(result.embeddings[0]).toEqual(embedText(COHERE, 'document number 0', 1024));
    expect(result.usage.inputTokens).toBeGreaterThan(0);
  });

  it('sends the input type a caller asks for to Cohere, and warns that Titan takes none', async () => {
    await setup.outcrop.embed(COHERE, ['what is a fox?'], { inputType: 'search_query' });
    expect(invocations()[0]?.body).toMatchObject({ input_type: 'search_query' });
    const titan = await setup.outcrop.embed(TITAN, ['what is a fox?'], { inputType: 'search_query' });
    expect(titan.warnings).toEqual([
      expect.objectContaining({ code: 'unsupported-setting', setting: 'inputType' }),
    ]);
  });

  it('refuses a chat model, a dimension the model lacks and an empty text before any call', async () => {
    const chat = await failure(setup.outcrop.embed(SONNET_4, ['hello']));
    expect(chat).toMatchObject({ code: 'validation', location: 'model' });
    expect((chat as Error).message).toContain('not an embedding model');
    const dims = await failure(setup.outcrop.embed(TITAN, ['hello'], { dimensions: 300 }));
    expect(dims).toMatchObject({ code: 'validation', location: 'options.dimensions' });
    const empty = await failure(setup.outcrop.embed(COHERE, ['fine', '']));
    expect(empty).toMatchObject({ code: 'validation', location: 'inputs' });
    expect((empty as Error).message).toContain('inputs[1]');
    expect(invocations()).toHaveLength(0);
  });

  it('names the closest embedding models for an unknown ref', async () => {
    const error = await failure(setup.outcrop.embed('amazon.titan-embed-text-v9:0', ['hello']));
    expect(UnknownModelError.isInstance(error)).toBe(true);
    expect((error as UnknownModelError).closestMatches).toContain(`amazon-bedrock/${TITAN}`);
  });

  it('turns a Bedrock refusal into a typed provider error', async () => {
    setup.h.emulator.scenarios.push({ httpError: { status: 403, type: 'AccessDeniedException' } });
    const error = await failure(setup.outcrop.embed(COHERE, ['denied']));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'access_denied' });
  });

  it('lists the embedding models with their per-call limits', () => {
    const models = setup.outcrop.embeddingModels();
    expect(models.find((m) => m.id === TITAN)?.embedding).toMatchObject({ maxInputsPerCall: 1 });
    expect(models.find((m) => m.id === COHERE)?.embedding).toMatchObject({ maxInputsPerCall: 96 });
    expect(models.every((m) => m.region === setup.outcrop.region.region)).toBe(true);
  });
});

describe('embedding models in the config', () => {
  it('a configured model with the table id wins, and still gets the per-call limits', async () => {
    const configured = await outcropFor(setup.h, {
      config: { models: { providers: { 'amazon-bedrock': { models: [{ id: TITAN, name: 'Our Titan' }] } } } },
    });
    const spec = await configured.resolveEmbedding(TITAN);
    expect(spec).toMatchObject({ name: 'Our Titan', configured: true, embedding: { maxInputsPerCall: 1 } });
    const result = await configured.embed(TITAN, ['one', 'two']);
    expect(result.calls).toBe(2);
    // models() says so too, so every lister (the gateway's /v1/models, `outcrop models list`) agrees.
    const listed = (await configured.models()).find((model) => model.id === TITAN);
    expect(listed).toMatchObject({ name: 'Our Titan', embedding: { maxInputsPerCall: 1 } });
    await configured.close();
  });
});

describe('embed() of a third-party provider', () => {
  it("reaches the provider's own embed for a configured model, and refuses one without embed()", async () => {
    const seen: string[][] = [];
    const acme: ProviderV1 = {
      specificationVersion: 'v1',
      api: 'acme-embed',
      stream: async function* () {},
      async embed(model, inputs, options): Promise<EmbedResult> {
        seen.push([...inputs]);
        return {
          embeddings: inputs.map((text) => [text.length, options?.dimensions ?? 2]),
          usage: { inputTokens: inputs.length, source: 'provider' },
          warnings: [],
          calls: 1,
          response: { provider: model.provider, modelId: model.id, requestIds: [] },
        };
      },
    };
    const plain: ProviderV1 = { specificationVersion: 'v1', api: 'acme-chat', stream: async function* () {} };
    const custom = await outcropFor(setup.h, {
      config: {
        models: {
          providers: {
            acme: { api: 'acme-embed', models: [{ id: 'vectors-1' }] },
            chatty: { api: 'acme-chat', models: [{ id: 'talk-1' }] },
          },
        },
      },
      providers: { 'acme-embed': acme, 'acme-chat': plain },
    });
    const result = await custom.embed('acme/vectors-1', ['abc', 'de'], { dimensions: 7 });
    expect(seen).toEqual([['abc', 'de']]);
    expect(result.embeddings).toEqual([
      [3, 7],
      [2, 7],
    ]);
    const error = await failure(custom.embed('chatty/talk-1', ['abc']));
    expect(error).toMatchObject({ code: 'validation', location: 'model', rule: 'embed_unsupported' });
    await custom.close();
  });
});
