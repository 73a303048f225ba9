// The embedding side of an Outcrop instance: Bedrock's embedding table beside the model catalog, how a ref finds
// an embedding model, and embed() through the model's provider. createOutcrop() composes it with the rest.
import type { OutcropConfig } from '@outcrop/config-schema';
import {
  bedrockEmbeddingSpecs,
  tableEmbeddingSpec,
  unknownEmbeddingModel,
  withEmbeddingInfo,
} from './embedding-catalog.js';
import { callFailure, ProviderError, UnknownModelError } from './errors.js';
import { refOf } from './model-catalog.js';
import type { ProviderRegistry } from './provider-registry.js';
import type { EmbedOptions, EmbedResult, ModelSpec } from './spec.js';

/** Outcrop's embedding members. */
export interface EmbeddingMembers {
  /** Bedrock's embedding models (discovery lists only conversational ones); configured models come from models(). */
  embeddingModels(): ModelSpec[];
  /** An embedding model for a ref: as `resolve()` does, then among `embeddingModels()`; unknown: UnknownModelError. */
  resolveEmbedding(ref: string, options?: { signal?: AbortSignal }): Promise<ModelSpec>;
  /**
   * Embeds texts with the model's provider (`ProviderV1.embed`), which batches within the model's per-call
   * limit. A ref resolves like `resolve()`, then among `embeddingModels()`; a provider without embed() is a
   * `validation` error located at `model`.
   */
  embed(model: string | ModelSpec, inputs: readonly string[], options?: EmbedOptions): Promise<EmbedResult>;
}

/** What the embedding members need from the instance they belong to. */
export interface EmbeddingDeps {
  config: OutcropConfig;
  /** The connection's region, where a config names none for Bedrock. */
  region: string | undefined;
  providers: ProviderRegistry;
  /** The instance's model catalog (configured, routed and discovered models). */
  catalog(signal?: AbortSignal): Promise<readonly ModelSpec[]>;
  /** The instance's resolve(): aliases, `provider/id`, bare ids, ARNs. */
  resolve(ref: string, signal?: AbortSignal): Promise<ModelSpec>;
}

export function embeddingMembers(deps: EmbeddingDeps): EmbeddingMembers {
  const { config, region, providers } = deps;
  const table = () => bedrockEmbeddingSpecs(config, region);

  async function resolveEmbedding(ref: string, signal?: AbortSignal): Promise<ModelSpec> {
    const specs = table();
    // The table's ids first, unless the config lists the same model: a catalog miss costs a "did you mean".
    const row = tableEmbeddingSpec(ref, specs);
    if (row && !(await deps.catalog(signal)).some((spec) => refOf(spec) === refOf(row))) return row;
    try {
      return await deps.resolve(ref, signal);
    } catch (error) {
      if (!UnknownModelError.isInstance(error)) throw error;
      throw unknownEmbeddingModel(ref, specs, error);
    }
  }

  return {
    embeddingModels: table,
    resolveEmbedding: async (ref, options) => withEmbeddingInfo(await resolveEmbedding(ref, options?.signal)),
    async embed(model, inputs, options = {}) {
      const spec = withEmbeddingInfo(
        typeof model === 'string' ? await resolveEmbedding(model, options.signal) : model,
      );
      const provider = await providers.require(spec.api, refOf(spec));
      if (!provider.embed) {
        throw new ProviderError(
          'validation',
          `${refOf(spec)} is served by the ${spec.api} provider, which does not embed.`,
          { location: 'model', rule: 'embed_unsupported' },
        );
      }
      try {
        return await provider.embed(spec, inputs, options);
      } catch (error) {
        throw callFailure(error, options.signal);
      }
    },
  };
}
