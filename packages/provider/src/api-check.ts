// A provider block's `api` must name a registered implementation: a typo fails at start-up (and in
// `outcrop config validate`) with a located "did you mean", not on the first request.
import { ConfigError, type ConfigIssue, closestMatches, type OutcropConfig } from '@outcrop/config-schema';
import { apiOf } from './model-catalog.js';

export function unknownApiIssues(
  config: OutcropConfig,
  apis: readonly string[],
  file?: string,
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [provider, providerConfig] of Object.entries(config.models.providers)) {
    const api = apiOf(provider, providerConfig);
    if (apis.includes(api)) continue;
    const [near] = closestMatches(api, apis, 1);
    issues.push({
      path: `models.providers.${provider}.api`,
      message:
        `unknown api "${api}"; registered: ${[...apis].sort().join(', ')}` +
        (near ? ` (did you mean "${near}"?)` : '') +
        (providerConfig.api === undefined ? '; set "api" to one of them' : ''),
      ...(file !== undefined ? { file } : {}),
    });
  }
  return issues;
}

export function assertKnownApis(config: OutcropConfig, apis: readonly string[], file?: string): void {
  const issues = unknownApiIssues(config, apis, file);
  if (issues.length > 0) throw new ConfigError(issues);
}
