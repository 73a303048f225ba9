import type {
  CallOptions,
  Context,
  EmbedOptions,
  EmbedResult,
  ModelSpec,
  StreamPart,
  TokenCount,
} from '@outcrop/provider';

/** One model as `/v1/models` shows it: OpenAI's fields plus what a client needs to size its requests. */
export interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  name?: string;
  context_window?: number;
  max_tokens?: number;
  capabilities?: Record<string, unknown>;
  region?: string;
  /** How Bedrock is called: on-demand, inference-profile, application-profile, or configured (not discovered). */
  invocation?: string;
  emulator: boolean;
}

/**
 * What the HTTP layer needs from the model side: an Outcrop instance (createOutcrop) seen through one config.
 * Keeping it this narrow keeps routes free of AWS and lets a reload swap it whole.
 */
export interface Backend {
  readonly usingEmulator: boolean;
  listModels(): Promise<ModelEntry[]>;
  /** The model for a requested name, or a GatewayError (`unknown_model`, param `model`) naming close matches. */
  resolveModel(requested: string): Promise<ModelSpec>;
  /** The provider's stream parts, ending with exactly one `finish` or `error`; the signal in options cancels. */
  stream(model: ModelSpec, context: Context, options: CallOptions): AsyncIterable<StreamPart>;
  /** The provider's own count (Bedrock CountTokens) where it has one, else a labelled estimate. */
  countTokens(model: ModelSpec, context: Context, options: CallOptions): Promise<TokenCount>;
  /** An embedding model for a requested name (configured, or Bedrock's table), else `unknown_model` at `model`. */
  resolveEmbeddingModel(requested: string): Promise<ModelSpec>;
  /** Vectors from the model's provider, batched within its per-call limit; a ProviderError on failure. */
  embed(model: ModelSpec, inputs: readonly string[], options: EmbedOptions): Promise<EmbedResult>;
  /** True once the backend can serve (models known, credentials resolved). */
  ready(): boolean;
}
