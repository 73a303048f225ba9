export { ConfigError, type ConfigIssue, formatConfigPath } from './config-error.js';
export { closestMatches } from './did-you-mean.js';
export type { Env } from './env-substitution.js';
export { configJsonSchema, configJsonSchemaText } from './json-schema.js';
export type { PathSegment } from './json5-locator.js';
export { type ConfigSource, type LoadConfigOptions, type LoadedConfig, loadConfig } from './load-config.js';
export {
  BEDROCK_API,
  BEDROCK_PROVIDER_ID,
  formatModelRef,
  type ModelRef,
  ModelRefError,
  type ModelRefErrorCode,
  parseModelRef,
} from './model-ref.js';
export {
  type ParseConfigOptions,
  type ParsedConfig,
  parseConfig,
  parseConfigWithOrigins,
} from './parse-config.js';
export { placeholderProblem } from './placeholder.js';
export { agentModels, type ResolveModelRefOptions, resolveModelRef } from './resolve-model-ref.js';
export {
  type RouteConfig,
  type RouteConfigInput,
  type RouteTargetConfig,
  routeSchema,
  SERVICE_TIERS,
  type ServiceTierName,
  targetName,
} from './routing-schema.js';
export {
  type AgentModelConfig,
  type BedrockDiscoveryConfig,
  type BedrockDiscoveryConfigInput,
  type GatewayConfig,
  type GatewayConfigInput,
  type ModelCost,
  type ModelDefinition,
  type ModelDefinitionInput,
  type ModelInput,
  type OutcropConfig,
  type OutcropConfigInput,
  outcropConfigSchema,
  type ProviderConfig,
  type ProviderConfigInput,
} from './schema.js';
export type { TelemetryConfig } from './telemetry-schema.js';
