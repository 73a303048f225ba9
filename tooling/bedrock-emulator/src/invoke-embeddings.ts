// Embedding models through InvokeModel: Titan Text Embeddings v2 and Cohere Embed v3. Vectors are
// deterministic (the same text always gives the same vector) and built from hashed character trigrams, so
// texts that share words are closer than texts that do not.
// Titan v2: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
// Cohere: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { tokenCount } from './reply-text.js';

export const titanEmbedSchema = z.strictObject({
  inputText: z.string().min(1).max(50_000),
  dimensions: z.union([z.literal(256), z.literal(512), z.literal(1024)]).optional(),
  normalize: z.boolean().optional(),
  embeddingTypes: z
    .array(z.enum(['float', 'binary']))
    .min(1)
    .optional(),
});

export const cohereEmbedSchema = z.strictObject({
  texts: z.array(z.string().max(2048)).min(1).max(96),
  input_type: z.enum(['search_document', 'search_query', 'classification', 'clustering']),
  truncate: z.enum(['NONE', 'START', 'END']).optional(),
  embedding_types: z
    .array(z.enum(['float', 'int8', 'uint8', 'binary', 'ubinary']))
    .min(1)
    .optional(),
});

export type TitanEmbedBody = z.infer<typeof titanEmbedSchema>;
export type CohereEmbedBody = z.infer<typeof cohereEmbedSchema>;

/** Cohere Embed v3 (English and multilingual) vectors have 1024 dimensions. */
export const COHERE_DIMENSIONS = 1024;

/** A unit vector (or the raw sum when `normalize` is false) of `dimensions` floats for `text`. */
export function embedText(modelId: string, text: string, dimensions: number, normalize = true): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const padded = ` ${text.toLowerCase()} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const hash = createHash('sha256')
      .update(`${modelId}\u0000${padded.slice(i, i + 3)}`)
      .digest();
    vector[hash.readUInt32BE(0) % dimensions]! += hash[4]! & 1 ? 1 : -1;
  }
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0)) || 1;
  return vector.map((x) => Number((normalize ? x / norm : x / 8).toFixed(7)));
}

export function titanEmbedResponse(modelId: string, body: TitanEmbedBody): Record<string, unknown> {
  const embedding = embedText(modelId, body.inputText, body.dimensions ?? 1024, body.normalize ?? true);
  const byType: Record<string, unknown> = {};
  for (const type of body.embeddingTypes ?? []) {
    byType[type] = type === 'float' ? embedding : embedding.map((x) => (x > 0 ? 1 : 0));
  }
  return {
    embedding,
    inputTextTokenCount: tokenCount(body.inputText),
    ...(body.embeddingTypes ? { embeddingsByType: byType } : {}),
  };
}

function quantize(vector: number[], type: string): number[] {
  switch (type) {
    case 'int8':
      return vector.map((x) => Math.max(-128, Math.min(127, Math.round(x * 127))));
    case 'uint8':
      return vector.map((x) => Math.max(0, Math.min(255, Math.round((x + 1) * 127.5))));
    case 'binary':
    case 'ubinary': {
      const packed: number[] = [];
      for (let i = 0; i < vector.length; i += 8) {
        let byte = 0;
        for (let bit = 0; bit < 8; bit++) byte = (byte << 1) | (vector[i + bit]! > 0 ? 1 : 0);
        packed.push(type === 'binary' ? byte - 128 : byte);
      }
      return packed;
    }
    default:
      return vector;
  }
}

export function cohereEmbedResponse(
  modelId: string,
  body: CohereEmbedBody,
  id: string,
): Record<string, unknown> {
  const vectors = body.texts.map((text) => embedText(modelId, text, COHERE_DIMENSIONS));
  const embeddings = body.embedding_types
    ? Object.fromEntries(body.embedding_types.map((type) => [type, vectors.map((v) => quantize(v, type))]))
    : vectors;
  return {
    id,
    texts: body.texts,
    embeddings,
    response_type: body.embedding_types ? 'embeddings_by_type' : 'embeddings_floats',
  };
}

export function cohereInputTokens(body: CohereEmbedBody): number {
  return body.texts.reduce((sum, text) => sum + tokenCount(text), 0);
}
