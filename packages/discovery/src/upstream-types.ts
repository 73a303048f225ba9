// The upstream contracts this package consumes (docs/ARCHITECTURE.md), in one place.
export type { BedrockDiscoveryConfig, ModelCost, ModelDefinition, ModelInput } from '@outcrop/config-schema';
export type { BedrockConnection, CredentialSource } from '@outcrop/credentials';
