// The v1 model contract: what a model is, what a conversation is, and what a provider implements.
// Nothing here knows about AWS; a third-party provider implements `ProviderV1` and needs only this file.
import type { Citation } from './citation.js';
import type { StreamPart, Warning } from './stream-parts.js';
import type { UpstreamAttemptObserver } from './upstream-attempt.js';

export type { Citation } from './citation.js';

/** The wire API of the built-in amazon-bedrock provider. */
export const BEDROCK_CONVERSE_STREAM_API = 'bedrock-converse-stream';

export type ModelInput = 'text' | 'image' | 'document';

/** USD per 1M tokens. */
export interface ModelCost {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** What the provider knows about a model beyond its definition (filled from a capability table when known). */
export interface ModelCapabilitiesV1 {
  reasoning: boolean;
  reasoningDialect?:
    | 'none'
    | 'anthropic-budget'
    | 'anthropic-adaptive'
    | 'reasoning-effort'
    | 'nova-reasoning-config'
    | 'always-on';
  toolUse?: boolean;
  promptCaching?: boolean;
  /** false: the model rejects a temperature setting. */
  temperature?: boolean;
  /** The model takes a JSON schema for its answer (Bedrock `outputConfig.textFormat`). */
  structuredOutput?: boolean;
  /** Service tiers the model can be called with. */
  serviceTiers?: ServiceTier[];
}

/** Bedrock service tiers (`serviceTier.type`); other providers map or reject them. */
export type ServiceTier = 'default' | 'flex' | 'priority' | 'reserved';

/** A model definition (the shape config-schema validates) plus the provider and api that serve it. */
export interface ModelSpec {
  /** The provider key in config, e.g. 'amazon-bedrock'. */
  provider: string;
  /** The wire API, i.e. which registered implementation streams it, e.g. 'bedrock-converse-stream'. */
  api: string;
  /** The id to call the model by (bare id, inference profile id, ARN, or a third-party model name). */
  id: string;
  name?: string;
  reasoning?: boolean;
  input?: ModelInput[];
  cost?: Partial<ModelCost>;
  contextWindow?: number;
  maxTokens?: number;
  headers?: Record<string, string>;
  baseUrl?: string;
  region?: string;
  apiKey?: string;
  capabilities?: ModelCapabilitiesV1;
  /**
   * How a Bedrock model is called: by its bare id (`on-demand`), a system or application inference profile, or
   * `configured` (listed in the config, not found by discovery). Unset for other providers.
   */
  invocation?: 'on-demand' | 'inference-profile' | 'application-profile' | 'configured';
  /** Catalog facts (set by createOutcrop's catalog): listed in the config, the model behind a profile id or ARN,
   * and its maker as the provider names it (e.g. 'Anthropic'). */
  configured?: boolean;
  baseModelId?: string;
  vendor?: string;
  /** Set on a routed model (config `models.routes`): the route name; createOutcrop streams it across targets. */
  route?: string;
  /** Set for embedding models: what `embed()` can ask of them. */
  embedding?: EmbeddingModelInfo;
}

/** What an embedding model takes per call and gives back. */
export interface EmbeddingModelInfo {
  /** Output sizes the model offers; the first is its default. */
  dimensions: number[];
  /** Most texts one model call takes; `embed()` batches above it. */
  maxInputsPerCall: number;
  /** Longest text the model takes, in characters, when it has a character limit. */
  maxInputChars?: number;
  /** The model distinguishes what a text is for (`EmbedOptions.inputType`). */
  inputTypes?: boolean;
  /** The model can return vectors that are not unit length (`EmbedOptions.normalize: false`). */
  normalize?: boolean;
}

export interface TextContent {
  type: 'text';
  text: string;
  /** Where an answer's text came from (documents sent with `citations: true`). */
  citations?: Citation[];
}

/** Image or document bytes: raw bytes or a base64 string. */
export type BinaryData = Uint8Array | string;

export interface ImageContent {
  type: 'image';
  data: BinaryData;
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
}

export interface DocumentContent {
  type: 'document';
  data: BinaryData;
  /** e.g. 'application/pdf', 'text/csv', 'text/plain', 'text/markdown', 'text/html', docx/xlsx media types. */
  mediaType: string;
  /** Shown to the model; providers may sanitise it. */
  name?: string;
  /** Ask the model to cite this document; citations arrive as `citation` parts. */
  citations?: boolean;
}

/**
 * Model reasoning as it came back. `signature` proves it to the model that produced it; `redactedData` is
 * opaque (base64) reasoning the model encrypted. Providers replay only what the target model accepts.
 */
export interface ReasoningContent {
  type: 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
}

export interface ToolCallContent {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  arguments: unknown;
}

export interface UserMessage {
  role: 'user';
  content: string | Array<TextContent | ImageContent | DocumentContent>;
}

export interface AssistantMessage {
  role: 'assistant';
  content: Array<TextContent | ReasoningContent | ToolCallContent>;
}

export interface ToolResultMessage {
  role: 'tool';
  toolCallId: string;
  toolName: string;
  content: Array<TextContent | ImageContent> | string;
  isError?: boolean;
}

export type Message = UserMessage | AssistantMessage | ToolResultMessage;

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

export interface Context {
  system?: string | string[];
  messages: Message[];
  tools?: ToolDefinition[];
}

export type ReasoningLevel = 'off' | 'minimal' | 'low' | 'medium' | 'high' | 'max';
export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'tool'; toolName: string };
/** none: no cache points; short: the provider's default TTL (Bedrock 5 min); long: the longest (Bedrock 1 h). */
export type CacheRetention = 'none' | 'short' | 'long';

/**
 * Ask for a JSON answer that matches `schema` (a JSON Schema object). Providers use the model's native
 * structured output where it has one and a forced tool call otherwise; `complete()` parses and validates it.
 */
export interface ResponseFormat {
  type: 'json';
  schema: Record<string, unknown>;
  /** Names the schema for the model (letters, digits, _ and -; default 'response'). */
  name?: string;
  description?: string;
}

/** One flat object per call. Provider-specific extras go in `providerOptions[providerKey]`. */
export interface CallOptions {
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  reasoning?: ReasoningLevel;
  toolChoice?: ToolChoice;
  cacheRetention?: CacheRetention;
  /**
   * Prompt-cache policy. 'auto': cache points where they pay (tools, system, the stable prefix of the
   * conversation), at most four, only above the model's minimum, the prefix with the longest TTL the model
   * has. 'off': none. Wins over cacheRetention.
   */
  cache?: 'auto' | 'off';
  /** A JSON answer matching a schema; see ResponseFormat. */
  responseFormat?: ResponseFormat;
  /** The service tier to run on; checked against the model's tiers before the call. */
  serviceTier?: ServiceTier;
  /** Keyed by provider (e.g. `{ 'amazon-bedrock': { serviceTier: { type: 'flex' } } }`), validated by it. */
  providerOptions?: Record<string, Record<string, unknown>>;
  headers?: Record<string, string>;
  /** Told of each upstream HTTP attempt (retries, fallbacks) and its end, for traces; optional for providers. */
  onAttempt?: UpstreamAttemptObserver;
}

/** What an embedding is for; models that distinguish them (Cohere Embed) use it, others ignore it. */
export type EmbeddingInputType = 'search_document' | 'search_query' | 'classification' | 'clustering';

/** One flat object per embed call. Provider-specific extras go in `providerOptions[providerKey]`. */
export interface EmbedOptions {
  signal?: AbortSignal;
  /** Output size; checked against the model's `embedding.dimensions`. */
  dimensions?: number;
  /** Unit-length vectors (the default where the model lets you choose). */
  normalize?: boolean;
  /** Default 'search_document' where the model takes one. */
  inputType?: EmbeddingInputType;
  providerOptions?: Record<string, Record<string, unknown>>;
  headers?: Record<string, string>;
}

export interface EmbedResult {
  /** One vector per input, in the order of the inputs. */
  embeddings: number[][];
  /** Input tokens; `source: 'estimate'` is 4 characters a token, never a provider's count. */
  usage: { inputTokens: number; source: 'provider' | 'estimate' };
  /** Settings the model could not honour. */
  warnings: Warning[];
  /** Model calls made: a provider batches within the model's per-call limit. */
  calls: number;
  response: { provider: string; modelId: string; requestIds: string[] };
}

/**
 * What a provider implements. `stream` must return at once (do the work while iterating), never throw from
 * iteration, and end every stream with exactly one `finish` or `error` part. See the conformance kit.
 */
export interface ProviderV1 {
  readonly specificationVersion: 'v1';
  /** The wire API this provider serves, the key it is registered under. */
  readonly api: string;
  stream(model: ModelSpec, context: Context, options?: CallOptions): AsyncIterable<StreamPart>;
  /** Input tokens of a context for a model, counted by the provider where it can (optional). */
  countTokens?(model: ModelSpec, context: Context, options?: CallOptions): Promise<TokenCount>;
  /**
   * Embeds texts with an embedding model (optional). Takes any number of non-empty texts and batches them
   * within the model's per-call limit; throws a ProviderError (`validation` located at `model`, `inputs` or the
   * option) for a request the model cannot serve.
   */
  embed?(model: ModelSpec, inputs: readonly string[], options?: EmbedOptions): Promise<EmbedResult>;
}

/** A token count; `source: 'estimate'` is 4 characters a token, never a provider's count. */
export interface TokenCount {
  inputTokens: number;
  source: 'provider' | 'estimate';
  /** Part of inputTokens that was estimated within a provider count (e.g. tool definitions Bedrock skips). */
  estimatedTokens?: number;
}
