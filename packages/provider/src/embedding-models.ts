// The Bedrock embedding models the amazon-bedrock provider can call through InvokeModel, with their per-call
// limits. Pure data (no AWS import), so the runtime can list and resolve them without loading the SDK.
// Discovery lists only conversational models, so embedding models come from this table (or from the config).
// Titan Text Embeddings V2: one `inputText` per call, up to 50,000 characters, dimensions 1024 (default), 512,
// 256, `normalize` (default true):
// https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
// Cohere Embed v3: `texts` up to 96 per call and 2,048 characters each, a required `input_type`, 1024 dimensions:
// https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
import type { EmbeddingModelInfo } from './spec.js';

export type BedrockEmbeddingFamily = 'titan-embed-v2' | 'cohere-embed-v3';

export interface BedrockEmbeddingModel {
  id: string;
  name: string;
  vendor: string;
  family: BedrockEmbeddingFamily;
  embedding: EmbeddingModelInfo;
}

const TITAN_V2: EmbeddingModelInfo = {
  dimensions: [1024, 512, 256],
  maxInputsPerCall: 1,
  maxInputChars: 50_000,
  normalize: true,
};
const COHERE_V3: EmbeddingModelInfo = {
  dimensions: [1024],
  maxInputsPerCall: 96,
  maxInputChars: 2048,
  inputTypes: true,
};

export const BEDROCK_EMBEDDING_MODELS: readonly BedrockEmbeddingModel[] = [
  {
    id: 'amazon.titan-embed-text-v2:0',
    name: 'Titan Text Embeddings V2',
    vendor: 'Amazon',
    family: 'titan-embed-v2',
    embedding: TITAN_V2,
  },
  {
    id: 'cohere.embed-english-v3',
    name: 'Embed English',
    vendor: 'Cohere',
    family: 'cohere-embed-v3',
    embedding: COHERE_V3,
  },
  {
    id: 'cohere.embed-multilingual-v3',
    name: 'Embed Multilingual',
    vendor: 'Cohere',
    family: 'cohere-embed-v3',
    embedding: COHERE_V3,
  },
];

/** The table's row for a model id: a bare id, or a system profile / foundation-model ARN of one. */
export function bedrockEmbeddingModel(id: string): BedrockEmbeddingModel | undefined {
  const bare = id.replace(/^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile)\//, '');
  return BEDROCK_EMBEDDING_MODELS.find((row) => bare === row.id || bare.endsWith(`.${row.id}`));
}
