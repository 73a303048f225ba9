export type { AwsCredentials, CredentialProvider } from './aws-credentials.js';
export type { ChainLink } from './chain-links.js';
export {
  type BedrockClientConfig,
  type BedrockConnection,
  type ResolveBedrockConnectionOptions,
  resolveBedrockConnection,
} from './connection.js';
export { resolveCredentialSource } from './credential-source.js';
export type { CredentialSource, ResolveCredentialSourceOptions } from './credential-types.js';
export { CredentialsError, type CredentialsErrorCode } from './credentials-error.js';
export {
  type BedrockService,
  type EndpointSource,
  type ResolvedEndpoint,
  type ResolveEndpointOptions,
  resolveEndpoint,
} from './endpoint.js';
export type { Env } from './env.js';
export { maskSecret, safeUpstreamMessage } from './mask-secret.js';
export { isOutcropError, OUTCROP_ERROR } from './outcrop-error.js';
export { createRefreshingProvider, type RefreshingProviderOptions } from './refreshing-provider.js';
export {
  DEFAULT_REGION,
  type RegionSource,
  type ResolvedRegion,
  type ResolveRegionOptions,
  regionFromArn,
  resolveRegion,
} from './region.js';
