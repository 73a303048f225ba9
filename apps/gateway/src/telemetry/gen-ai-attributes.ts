// Attribute names of the OpenTelemetry GenAI semantic conventions (status: Development), as published in
// open-telemetry/semantic-conventions docs/gen-ai/gen-ai-spans.md and docs/registry/attributes/gen-ai.md for
// v1.41.0: `gen_ai.provider.name` replaced `gen_ai.system` in v1.37.0 (both are sent, for backends still on
// <= v1.36); the cache token counts are from the v1.41.0 registry, where `input_tokens` includes them.
// Kept as strings here so that this file (and everything the request path imports) loads no OpenTelemetry code.

export const SEMCONV_VERSION = '1.41.0';

export const GEN_AI = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  /** Deprecated in v1.37.0 in favour of gen_ai.provider.name. */
  system: 'gen_ai.system',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  outputType: 'gen_ai.output.type',
  responseModel: 'gen_ai.response.model',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
} as const;

/** Stable conventions used beside the GenAI ones. */
export const GENERAL = {
  errorType: 'error.type',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  awsRequestId: 'aws.request_id',
  cloudRegion: 'cloud.region',
} as const;

/** Outcrop's own, under its namespace as the conventions ask. */
export const OUTCROP = {
  attemptNumber: 'outcrop.attempt.number',
  /** initial | retry | inference_profile_fallback | service_tier_escalation | model_fallback | reroute */
  attemptReason: 'outcrop.attempt.reason',
  attemptDelayMs: 'outcrop.attempt.delay_ms',
  attemptPreviousError: 'outcrop.attempt.previous_error',
  attemptWillRetry: 'outcrop.attempt.will_retry',
  /** A routed model's attempt (models.routes): the route, the target's label, its account and tier. */
  routeName: 'outcrop.route.name',
  routeTarget: 'outcrop.route.target',
  /** The target's named AWS profile (the account's label; never a credential). */
  routeProfile: 'outcrop.route.profile',
  routeServiceTier: 'outcrop.route.service_tier',
  /** On the request span: targets tried before the one that answered (or failed last), itself included. */
  routeAttempts: 'outcrop.route.attempts',
  requestedModel: 'outcrop.request.model',
  requestId: 'outcrop.request.id',
  dialect: 'outcrop.dialect',
} as const;

/** The `gen_ai.provider.name` well-known value for Bedrock. */
export const AWS_BEDROCK = 'aws.bedrock';

/** gen_ai.operation.name per model route; `count_tokens` is a custom value (none of the well-known ones fits). */
export const OPERATION_BY_ROUTE: Readonly<Record<string, string>> = {
  'chat-completions': 'chat',
  messages: 'chat',
  responses: 'chat',
  embeddings: 'embeddings',
  'count-tokens': 'count_tokens',
};
