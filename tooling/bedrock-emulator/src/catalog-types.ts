// The shape of a catalog entry: the fields ListFoundationModels returns, plus what the emulator needs to
// behave like the model (limits, regions, reasoning, profile geographies).

export type Modality = 'TEXT' | 'IMAGE' | 'EMBEDDING' | 'SPEECH' | 'VIDEO';
export type InferenceType = 'ON_DEMAND' | 'PROVISIONED' | 'INFERENCE_PROFILE';
export type ProfileGeo = 'us' | 'eu' | 'apac' | 'global' | 'us-gov' | 'jp' | 'au';

export interface CatalogModel {
  modelId: string;
  modelName: string;
  providerName: string;
  inputModalities: Modality[];
  outputModalities: Modality[];
  responseStreamingSupported: boolean;
  customizationsSupported?: ('FINE_TUNING' | 'CONTINUED_PRE_TRAINING' | 'DISTILLATION')[];
  inferenceTypesSupported: InferenceType[];
  lifecycle?: 'ACTIVE' | 'LEGACY';
  /** Regions the model is offered in (default: every region the emulator knows). */
  regions?: string[];
  /** System-defined cross-region inference profiles `<geo>.<modelId>`. */
  profiles?: ProfileGeo[];
  /** Largest accepted `inferenceConfig.maxTokens` (default 4096). */
  maxOutputTokens?: number;
  /** Answers with reasoning blocks when thinking is requested. */
  reasoning?: boolean;
  /** Accepts tool definitions (default true for TEXT output). */
  toolUse?: boolean;
  /** Honours cachePoint blocks (reports cache read/write tokens). */
  promptCaching?: boolean;
  /** Answers CountTokens (default: the Anthropic Claude 3.5 and later models; see count-tokens.ts). */
  countTokens?: boolean;
  // Capabilities the emulator enforces with Bedrock's messages (capabilities.ts). A field left out is not
  // enforced, so a custom catalog only gets the rules it states; the built-in catalog fills them per family
  // (catalog-capabilities.ts).
  /** Accepts a `system` prompt. */
  systemPrompts?: boolean;
  /** false: tools only through Converse, not ConverseStream. */
  toolUseStreaming?: boolean;
  /** `toolConfig.toolChoice` members the model accepts. */
  toolChoices?: ('auto' | 'any' | 'tool')[];
  /** Accepts `document` content blocks. */
  documents?: boolean;
  /** Accepts `audio` content blocks. */
  audio?: boolean;
  /** Thinking dialect: Claude `budget_tokens`, Claude adaptive only, both, or Nova's `reasoningConfig`. */
  thinking?: 'budget' | 'adaptive' | 'budget-or-adaptive' | 'nova';
  /** Fewest prompt tokens before a cache point for it to be cached (below it the point is ignored). */
  cacheMinTokens?: number;
  /** Cache point `ttl` values accepted. */
  cacheTtls?: ('5m' | '1h')[];
  /** Input plus `maxTokens` may not exceed it (tokens). */
  contextWindow?: number;
  /** Top-level `additionalModelRequestFields` keys the model accepts. */
  additionalFields?: string[];
  /** `serviceTier.type` values offered for the model. */
  serviceTiers?: ('default' | 'flex' | 'priority' | 'reserved')[];
  /** Accepts `performanceConfig.latency: optimized`. */
  latencyOptimized?: boolean;
  /** Answers with citations for documents with `citations.enabled`. */
  citations?: boolean;
  /** Accepts `outputConfig.textFormat` (structured output). */
  structuredOutput?: boolean;
}

/**
 * A prompt router (GetPromptRouter's shape, botocore `GetPromptRouterResponse`): it sends each prompt to one of
 * its models and names the one it chose in the response trace (`trace.promptRouter.invokedModelId`).
 */
export interface PromptRouter {
  /** The id at the end of the ARN, e.g. 'anthropic.claude:1'. */
  id: string;
  name: string;
  description?: string;
  /** Region the router lives in. */
  region: string;
  /** `default` routers are AWS's (`default-prompt-router/…`), `custom` ones the account's (`prompt-router/…`). */
  type: 'default' | 'custom';
  /** Model or system profile ids it routes between. */
  models: string[];
  /** One of `models`: where a prompt goes unless another model is expected to do as well. */
  fallbackModel: string;
  /** `routingCriteria.responseQualityDifference` (0-100). */
  responseQualityDifference: number;
}

export interface ApplicationProfile {
  /** The id at the end of the ARN, e.g. 'a1b2c3d4e5f6'. */
  id: string;
  name: string;
  description?: string;
  /** Region the profile lives in. */
  region: string;
  /** The foundation model (or system profile id) it routes to. */
  copyFrom: string;
  tags?: Record<string, string>;
}
