export { buildCatalog, type CatalogOptions, isConversational, supportsOnDemand } from './build-catalog.js';
export { discoveryCacheKey } from './cache-key.js';
export type { ModelCapabilities, ModelFeatures, ReasoningDialect, ServiceTierName } from './capabilities.js';
export type { CatalogInput, FoundationModelSummary, InferenceProfileSummary } from './catalog-input.js';
export {
  type CreateDiscoveryOptions,
  createDiscovery,
  type Discovery,
  type DiscoveryResult,
} from './create-discovery.js';
export type { DiscoveredModel, Invocation } from './discovered-model.js';
export { discoveryEnabled } from './discovery-enabled.js';
export {
  DiscoveryError,
  type DiscoveryErrorCode,
  type DiscoveryOperation,
  type ListingAction,
} from './errors.js';
export type { KnownModel } from './known-model.js';
export { PRICE_DATE } from './known-model.js';
export { KNOWN_MODELS, lookupCapabilities } from './known-models.js';
export { type MergeDefaults, mergeModels, type ResolvedModel } from './merge-models.js';
export { modelFeatures } from './model-features.js';
export { baseModelIdOf, type ParsedModelId, PROFILE_PREFIXES, parseModelId } from './model-id.js';
export { type ModelIdentity, needsIdentityLookup, resolveModelIdentity } from './model-identity.js';
export { geoPrefixesFor, profileIdsFor } from './profile-ids.js';
export { profileResolverFrom } from './profile-resolver.js';
export type {
  BedrockConnection,
  BedrockDiscoveryConfig,
  ModelCost,
  ModelDefinition,
  ModelInput,
} from './upstream-types.js';
