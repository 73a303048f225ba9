// `POST /v1/embeddings`, OpenAI's Embeddings API: texts to the model's provider (`outcrop.embed`, which batches
// within the model's per-call limit), vectors back as floats or base64 (little-endian float32, as OpenAI sends
// them and its SDKs decode them), with usage. Admission, limits and the ledger are the shared path's.
import { endianness } from 'node:os';
import { type EmbedResult, ProviderError, refOf } from '@outcrop/provider';
import {
  abortReason,
  admitUsage,
  type CompletionContext,
  seconds,
  WarningHeader,
} from '../chat-completions.js';
import { sendJson } from '../respond.js';
import { fromProviderError } from '../upstream-errors.js';
import { parseEmbeddingsRequest } from './request.js';

const ROUTE = 'embeddings';

/** The provider's setting names as an embeddings request spells them, for `param` and `x-outcrop-warnings`. */
export const EMBEDDINGS_PARAM: Record<string, string> = {
  model: 'model',
  inputs: 'input',
  dimensions: 'dimensions',
  inputType: 'input_type',
  normalize: 'normalize',
};

export async function handleEmbeddings(ctx: CompletionContext): Promise<number> {
  const request = parseEmbeddingsRequest(ctx.body);
  const spec = await ctx.backend.resolveEmbeddingModel(request.model);
  const model = refOf(spec);
  ctx.onModel?.(model);
  // Budgets and rate limits see the texts as the input of a call that generates nothing.
  const texts = request.inputs.map((text) => ({ role: 'user' as const, content: text }));
  await admitUsage(ctx, request.model, model, { messages: texts }, { maxTokens: 0 });
  const warnings = new WarningHeader(ctx.headers, EMBEDDINGS_PARAM);
  for (const label of request.ignored) warnings.label(label);
  ctx.log.info({ model, inputs: request.inputs.length }, 'embeddings');

  let result: EmbedResult;
  try {
    result = await ctx.backend.embed(spec, request.inputs, {
      signal: ctx.signal,
      ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}),
      ...(request.inputType !== undefined ? { inputType: request.inputType } : {}),
      ...(request.normalize !== undefined ? { normalize: request.normalize } : {}),
    });
  } catch (err) {
    if (!ProviderError.isInstance(err)) throw abortReason(ctx.signal) ?? err;
    // A request the model cannot serve is the caller's; anything else is an upstream failure worth counting.
    if (err.code !== 'validation') ctx.metrics.upstreamErrors.inc({ code: err.code });
    throw abortReason(ctx.signal) ?? fromProviderError(err);
  } finally {
    ctx.metrics.duration.observe(seconds(ctx.startedAt), { route: ROUTE, model });
  }
  for (const warning of result.warnings) warnings.add(warning);
  const { inputTokens } = result.usage;
  ctx.metrics.tokens.inc({ model, direction: 'input' }, inputTokens);
  ctx.usage?.see({
    type: 'finish',
    finishReason: 'stop',
    rawStopReason: 'embedded',
    usage: {
      inputTokens,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      totalTokens: inputTokens,
    },
    response: { modelId: result.response.modelId, provider: result.response.provider },
  });
  const headers =
    result.usage.source === 'estimate' ? { ...ctx.headers, 'x-outcrop-estimate': 'chars/4' } : ctx.headers;
  sendJson(
    ctx.res,
    200,
    {
      object: 'list',
      data: result.embeddings.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: request.encoding === 'base64' ? toBase64(vector) : vector,
      })),
      model: request.model,
      usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
    },
    headers,
  );
  return 200;
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** Little-endian float32 bytes, base64: the encoding OpenAI's SDKs decode with `Float32Array`. */
export function toBase64(vector: readonly number[]): string {
  if (LITTLE_ENDIAN) {
    const floats = Float32Array.from(vector);
    return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
  }
  const buffer = Buffer.alloc(vector.length * 4);
  for (const [i, value] of vector.entries()) buffer.writeFloatLE(value, i * 4);
  return buffer.toString('base64');
}
