import type { BedrockDiscoveryConfig, CredentialSource } from './upstream-types.js';

/**
 * `enabled: false` turns discovery off, `true` forces it, and unset turns it on whenever credentials
 * resolve through any link (bearer token, keys, profile, SSO, container or instance role).
 */
export function discoveryEnabled(
  config: BedrockDiscoveryConfig,
  source: Pick<CredentialSource, 'kind'>,
): boolean {
  if (config.enabled === false) return false;
  if (config.enabled === true) return true;
  return source.kind !== 'none';
}
