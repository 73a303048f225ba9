import { providerSegmentOf } from './model-id.js';

/** Trimmed, lowercased, deduplicated and sorted: the form used for matching and cache keys. */
export function normalizeProviderFilter(filter: readonly string[] | undefined): string[] {
  const entries = (filter ?? [])
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry.length > 0);
  return [...new Set(entries)].sort();
}

/**
 * True when the model passes the filter: its provider name (`Anthropic`, `Meta`) or its id's provider
 * segment (`anthropic`, `meta`) equals a filter entry, case-insensitively. An empty filter passes all.
 */
export function matchesProviderFilter(
  model: { modelId: string; providerName?: string },
  normalizedFilter: readonly string[],
): boolean {
  if (normalizedFilter.length === 0) return true;
  const names = [providerSegmentOf(model.modelId).toLowerCase()];
  if (model.providerName) names.push(model.providerName.trim().toLowerCase());
  return names.some((name) => normalizedFilter.includes(name));
}
