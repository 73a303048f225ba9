// The amazon-bedrock provider's embed(): texts -> InvokeModel bodies of the model's family, batched within its
// per-call limit (Titan V2 one text a call, Cohere v3 up to 96), a few calls at a time, vectors back in order.
// Request and response shapes: see embedding-models.ts for the AWS pages.
import { z } from 'zod';
import {
  BEDROCK_EMBEDDING_MODELS,
  type BedrockEmbeddingModel,
  bedrockEmbeddingModel,
} from '../embedding-models.js';
import { ProviderError } from '../errors.js';
import { refOf } from '../model-catalog.js';
import type { EmbedOptions, EmbedResult, ModelSpec } from '../spec.js';
import type { Warning } from '../stream-parts.js';
import { toProviderErrorFromBedrock } from './errors.js';

/** One InvokeModel call with a JSON body (the default is @outcrop/converse-stream's invokeModel). */
export type BedrockInvoker = (
  body: unknown,
  options: { model: ModelSpec; signal?: AbortSignal },
) => Promise<{ body: unknown; requestId: string | undefined; inputTokens: number | undefined }>;

/** Model calls in flight at once for one embed(): enough to hide latency, few enough not to trip quotas. */
export const EMBED_CONCURRENCY = 4;

// Vectors are checked by a plain loop: zod over 96 x 1024 numbers cost more than the rest of the call.
const isVector = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((x) => typeof x === 'number');
const vector = z.custom<number[]>(isVector, 'expected an array of numbers');
const vectors = z.custom<number[][]>(
  (value) => Array.isArray(value) && value.every(isVector),
  'expected arrays of numbers',
);
const titanResponse = z.object({ embedding: vector, inputTextTokenCount: z.number().optional() });
const cohereResponse = z.object({ embeddings: z.union([vectors, z.object({ float: vectors })]) });

export async function bedrockEmbed(
  invoke: BedrockInvoker,
  model: ModelSpec,
  inputs: readonly string[],
  options: EmbedOptions = {},
): Promise<EmbedResult> {
  const row = bedrockEmbeddingModel(model.baseModelId ?? model.id);
  if (!row) {
    throw new ProviderError(
      'validation',
      `${refOf(model)} is not an embedding model; Bedrock embedding models: ${listed()}.`,
      { location: 'model', rule: 'not_an_embedding_model' },
    );
  }
  checkInputs(row, inputs);
  const warnings = checkOptions(row, options);
  const batches: string[][] = [];
  for (let i = 0; i < inputs.length; i += row.embedding.maxInputsPerCall) {
    batches.push(inputs.slice(i, i + row.embedding.maxInputsPerCall));
  }
  const { signal } = options;
  const results = await mapLimited(batches, EMBED_CONCURRENCY, async (texts) => {
    let answer: Awaited<ReturnType<BedrockInvoker>>;
    try {
      answer = await invoke(requestBody(row, texts, options), { model, ...(signal ? { signal } : {}) });
    } catch (error) {
      throw toProviderErrorFromBedrock(error, signal);
    }
    return { ...answer, ...vectorsOf(row, model, answer.body, texts.length), texts };
  });
  let inputTokens = 0;
  let estimated = false;
  for (const result of results) {
    const counted = result.inputTokens ?? result.counted;
    if (counted === undefined) estimated = true;
    inputTokens += counted ?? Math.ceil(result.texts.join('').length / 4);
  }
  return {
    embeddings: results.flatMap((result) => result.vectors),
    usage: { inputTokens, source: estimated ? 'estimate' : 'provider' },
    warnings,
    calls: results.length,
    response: {
      provider: model.provider,
      modelId: model.id,
      requestIds: results.flatMap((result) => (result.requestId ? [result.requestId] : [])),
    },
  };
}

function listed(): string {
  return BEDROCK_EMBEDDING_MODELS.map((row) => row.id).join(', ');
}

function checkInputs(row: BedrockEmbeddingModel, inputs: readonly string[]): void {
  if (inputs.length === 0) {
    throw new ProviderError('validation', 'inputs is empty: give at least one text to embed.', {
      location: 'inputs',
    });
  }
  const limit = row.embedding.maxInputChars;
  inputs.forEach((text, index) => {
    if (typeof text !== 'string' || text.length === 0) {
      throw new ProviderError('validation', `inputs[${index}] is an empty text; ${row.id} embeds none.`, {
        location: 'inputs',
      });
    }
    if (limit !== undefined && text.length > limit) {
      throw new ProviderError(
        'validation',
        `inputs[${index}] has ${text.length} characters; ${row.id} takes at most ${limit}.`,
        { location: 'inputs' },
      );
    }
  });
}

function checkOptions(row: BedrockEmbeddingModel, options: EmbedOptions): Warning[] {
  const { dimensions } = options;
  if (dimensions !== undefined && !row.embedding.dimensions.includes(dimensions)) {
    throw new ProviderError(
      'validation',
      `${row.id} has no ${dimensions}-dimension output; choose one of ${row.embedding.dimensions.join(', ')}.`,
      { location: 'options.dimensions' },
    );
  }
  const warnings: Warning[] = [];
  if (options.normalize === false && !row.embedding.normalize) {
    warnings.push({
      code: 'unsupported-setting',
      setting: 'normalize',
      message: `${row.id} always returns unit-length vectors.`,
    });
  }
  if (options.inputType !== undefined && !row.embedding.inputTypes) {
    warnings.push({
      code: 'unsupported-setting',
      setting: 'inputType',
      message: `${row.id} takes no input type; it was not sent.`,
    });
  }
  return warnings;
}

function requestBody(row: BedrockEmbeddingModel, texts: string[], options: EmbedOptions): unknown {
  if (row.family === 'titan-embed-v2') {
    return {
      inputText: texts[0],
      ...(options.dimensions !== undefined ? { dimensions: options.dimensions } : {}),
      ...(options.normalize !== undefined ? { normalize: options.normalize } : {}),
    };
  }
  return { texts, input_type: options.inputType ?? 'search_document' };
}

function vectorsOf(
  row: BedrockEmbeddingModel,
  model: ModelSpec,
  body: unknown,
  expected: number,
): { vectors: number[][]; counted: number | undefined } {
  const malformed = () =>
    new ProviderError('protocol', `${refOf(model)} answered InvokeModel with an unexpected body.`);
  if (row.family === 'titan-embed-v2') {
    const parsed = titanResponse.safeParse(body);
    if (!parsed.success) throw malformed();
    return { vectors: [parsed.data.embedding], counted: parsed.data.inputTextTokenCount };
  }
  const parsed = cohereResponse.safeParse(body);
  if (!parsed.success) throw malformed();
  const { embeddings } = parsed.data;
  const vectors = Array.isArray(embeddings) ? embeddings : embeddings.float;
  if (vectors.length !== expected) throw malformed();
  return { vectors, counted: undefined };
}

/** Runs `work` over `items`, at most `limit` at a time, results in item order; the first failure wins. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
