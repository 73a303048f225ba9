// Structural mirrors of the upstream contracts this package consumes (docs/ARCHITECTURE.md:
// @outcrop/config-schema and @outcrop/credentials). Only the members discovery reads are
// named, so the real objects from those packages are assignable here.

export type ModelInput = 'text' | 'image' | 'document';

/** USD per 1M tokens. */
export interface ModelCost {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

export interface ModelDefinition {
  id: string;
  name?: string;
  reasoning?: boolean;
  input?: ModelInput[];
  cost?: Partial<ModelCost>;
  contextWindow?: number;
  maxTokens?: number;
  headers?: Record<string, string>;
}

export interface BedrockDiscoveryConfig {
  enabled?: boolean;
  region?: string;
  providerFilter?: string[];
  /** Seconds; 0 disables caching. */
  refreshInterval: number;
  defaultContextWindow: number;
  defaultMaxTokens: number;
}

/** The part of `CredentialSource` discovery looks at. */
export interface CredentialSourceLike {
  kind: string;
  label?: string;
}

/** The part of `BedrockConnection` discovery uses. */
export interface DiscoveryConnection {
  source: CredentialSourceLike;
  region: { region: string; source?: string };
  controlEndpoint?: { url?: string; source?: string };
  identity: string;
  // biome-ignore lint/suspicious/noExplicitAny: the SDK client config type lives in @outcrop/credentials.
  clientConfig(service: 'bedrock-runtime' | 'bedrock', overrides?: { region?: string }): any;
}
