// Embedding models for a config: Bedrock's embedding table (discovery lists only conversational models), and
// how a ref finds one. A configured model with the same id wins over the table's row (its region, headers).
import { BEDROCK_PROVIDER_ID, closestMatches, type OutcropConfig } from '@outcrop/config-schema';
import { BEDROCK_EMBEDDING_MODELS, bedrockEmbeddingModel } from './embedding-models.js';
import { UnknownModelError } from './errors.js';
import { refOf, specBase } from './model-catalog.js';
import type { ModelSpec } from './spec.js';

/** Bedrock's embedding models as specs, called in the provider block's region or the connection's. */
export function bedrockEmbeddingSpecs(config: OutcropConfig, region: string | undefined): ModelSpec[] {
  const providerConfig = config.models.providers[BEDROCK_PROVIDER_ID];
  const where = providerConfig?.region ?? config.models.bedrockDiscovery.region ?? region;
  return BEDROCK_EMBEDDING_MODELS.map((row) => ({
    ...specBase(BEDROCK_PROVIDER_ID, providerConfig),
    id: row.id,
    name: row.name,
    vendor: row.vendor,
    input: ['text'],
    invocation: 'on-demand',
    configured: false,
    baseModelId: row.id,
    embedding: { ...row.embedding, dimensions: [...row.embedding.dimensions] },
    ...(where !== undefined ? { region: where } : {}),
  }));
}

/** A resolved Bedrock model with the table's embedding facts, when the table knows it. */
export function withEmbeddingInfo(spec: ModelSpec): ModelSpec {
  if (spec.embedding || spec.provider !== BEDROCK_PROVIDER_ID) return spec;
  const row = bedrockEmbeddingModel(spec.baseModelId ?? spec.id);
  return row ? { ...spec, embedding: row.embedding } : spec;
}

/** The table's spec a ref names (`amazon-bedrock/<id>` or the bare id), if any. */
export function tableEmbeddingSpec(ref: string, table: readonly ModelSpec[]): ModelSpec | undefined {
  const bare = ref.startsWith(`${BEDROCK_PROVIDER_ID}/`) ? ref.slice(BEDROCK_PROVIDER_ID.length + 1) : ref;
  return table.find((spec) => spec.id === bare);
}

/** An UnknownModelError naming the closest refs of both lists. */
export function unknownEmbeddingModel(
  ref: string,
  table: readonly ModelSpec[],
  notFound: UnknownModelError,
): UnknownModelError {
  const near = closestMatches(ref, table.map(refOf));
  return new UnknownModelError(ref, [...new Set([...near, ...notFound.closestMatches])].slice(0, 5));
}
