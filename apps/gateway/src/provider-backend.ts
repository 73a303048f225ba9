import { type ModelSpec, type Outcrop, ProviderError } from '@outcrop/provider';
import type { Backend, ModelEntry } from './backend.js';
import { GatewayError } from './errors.js';

/**
 * The HTTP layer's view of an Outcrop instance: its one model catalog (configured and discovered models,
 * aliases, profile ids and ARNs, resolved by the instance and cached there) and its stream.
 */
export function createProviderBackend(outcrop: Outcrop): Backend {
  const usingEmulator = outcrop.emulator !== undefined;
  let ready = false;
  return {
    usingEmulator,
    ready: () => ready,
    async listModels(): Promise<ModelEntry[]> {
      const specs = await outcrop.models();
      ready = true;
      // Bedrock's embedding models after the chat models (discovery lists only conversational ones).
      const listed = new Set(specs.map((spec) => spec.id));
      const embedding = outcrop.embeddingModels().filter((spec) => !listed.has(spec.id));
      return [...specs, ...embedding].map((spec) => toModelEntry(spec, usingEmulator));
    },
    async resolveModel(requested) {
      const spec = await asCallerModel(() => outcrop.resolve(requested));
      ready = true;
      return spec;
    },
    resolveEmbeddingModel: (requested) => asCallerModel(() => outcrop.resolveEmbedding(requested)),
    embed: (model, inputs, options) => outcrop.embed(model, inputs, options),
    stream: (model, context, options) => outcrop.stream(model, context, options),
    countTokens: (model, context, options) => outcrop.countTokens(model, context, options),
  };
}

/** A name that resolves to nothing is the caller's `model` parameter at fault. */
async function asCallerModel(resolve: () => Promise<ModelSpec>): Promise<ModelSpec> {
  try {
    return await resolve();
  } catch (err) {
    if (ProviderError.isInstance(err) && (err.code === 'unknown_model' || err.code === 'validation')) {
      throw new GatewayError(err.code, err.message, { param: 'model', cause: err });
    }
    throw err;
  }
}

export function toModelEntry(spec: ModelSpec, emulator: boolean): ModelEntry {
  const c = spec.capabilities;
  return {
    id: `${spec.provider}/${spec.id}`,
    object: 'model',
    created: 0,
    owned_by: spec.provider,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
    ...(spec.contextWindow !== undefined ? { context_window: spec.contextWindow } : {}),
    ...(spec.maxTokens !== undefined ? { max_tokens: spec.maxTokens } : {}),
    capabilities: {
      input: spec.input ?? ['text'],
      reasoning: c?.reasoning ?? spec.reasoning ?? false,
      ...(c?.reasoningDialect !== undefined ? { reasoning_dialect: c.reasoningDialect } : {}),
      ...(c?.toolUse !== undefined ? { tool_use: c.toolUse } : {}),
      ...(c?.promptCaching !== undefined ? { prompt_caching: c.promptCaching } : {}),
      ...(c?.temperature !== undefined ? { temperature: c.temperature } : {}),
      ...(spec.cost !== undefined ? { cost_per_million_tokens: spec.cost } : {}),
      ...(spec.embedding
        ? {
            embedding: {
              dimensions: spec.embedding.dimensions,
              max_inputs_per_call: spec.embedding.maxInputsPerCall,
              ...(spec.embedding.maxInputChars !== undefined
                ? { max_input_chars: spec.embedding.maxInputChars }
                : {}),
              input_types: spec.embedding.inputTypes === true,
            },
          }
        : {}),
    },
    ...(spec.region !== undefined ? { region: spec.region } : {}),
    ...(spec.invocation !== undefined ? { invocation: spec.invocation } : {}),
    emulator,
  };
}
