import { rememberApplicationProfile } from './application-profiles.js';
import { defaultCapabilities, type ModelCapabilities } from './capabilities.js';
import type { CatalogInput, FoundationModelSummary, InferenceProfileSummary } from './catalog-input.js';
import { capabilityFields, type DiscoveredModel, type Invocation } from './discovered-model.js';
import { capabilitiesOf, lookupKnownModel } from './known-models.js';
import { modelIdFromFoundationArn, parseModelId, providerSegmentOf } from './model-id.js';
import { geoPrefixesFor } from './profile-ids.js';
import { matchesProviderFilter, normalizeProviderFilter } from './provider-filter.js';
import type { ModelInput } from './upstream-types.js';

export interface CatalogOptions {
  region: string;
  providerFilter?: readonly string[];
  /** For models the capability table does not know. */
  defaults: { contextWindow: number; maxTokens: number };
}

const same = (a: string | undefined, b: string) => a?.trim().toUpperCase() === b;

/** A foundation model that can stream text to a Converse caller today. */
export function isConversational(summary: FoundationModelSummary): boolean {
  return (
    summary.modelId.trim().length > 0 &&
    summary.responseStreamingSupported === true &&
    (summary.outputModalities ?? []).some((m) => same(m, 'TEXT')) &&
    same(summary.modelLifecycle?.status, 'ACTIVE')
  );
}

/**
 * Whether the bare id can be invoked on demand. A model listing only INFERENCE_PROFILE (or PROVISIONED)
 * answers a bare-id call with "on-demand throughput isn't supported", so it is offered through its
 * profiles instead. A summary without the field (old fixtures) is taken as on-demand.
 */
export function supportsOnDemand(summary: FoundationModelSummary): boolean {
  const types = summary.inferenceTypesSupported;
  return types === undefined || types.length === 0 || types.some((t) => same(t, 'ON_DEMAND'));
}

function inputOf(summary: FoundationModelSummary | undefined): ModelInput[] {
  const modalities = summary?.inputModalities ?? [];
  const input: ModelInput[] = ['text'];
  if (modalities.some((m) => same(m, 'IMAGE'))) input.push('image');
  return input;
}

/** Base model ids behind a profile, from `models[].modelArn`, else from a system profile id's prefix. */
export function profileBaseModelIds(profile: InferenceProfileSummary): string[] {
  const fromArns = (profile.models ?? [])
    .map((m) => (m.modelArn ? modelIdFromFoundationArn(m.modelArn) : undefined))
    .filter((id): id is string => id !== undefined);
  if (fromArns.length > 0) return [...new Set(fromArns)];
  const parsed = parseModelId(profile.inferenceProfileId);
  return parsed.kind === 'system-profile' ? [parsed.baseModelId] : [];
}

function profileInvocation(profile: InferenceProfileSummary): Invocation | undefined {
  if (same(profile.type, 'APPLICATION')) return 'application-profile';
  if (same(profile.type, 'SYSTEM_DEFINED')) return 'inference-profile';
  return parseModelId(profile.inferenceProfileId).kind === 'system-profile' ? 'inference-profile' : undefined;
}

const RANK: Record<Invocation, number> = { 'on-demand': 0, 'inference-profile': 1, 'application-profile': 2 };
// Profiles in the order `profileIdsFor` prefers them: the most specific geography first, `global.` last.
function profileRank(id: string, region: string): number {
  const parsed = parseModelId(id);
  if (parsed.kind !== 'system-profile') return 0;
  const order: string[] = [...geoPrefixesFor(region), 'global'];
  const at = order.indexOf(parsed.prefix);
  return at === -1 ? order.length - 1 : at;
}

/** Turns the two listings into the models that can really be called from `options.region`. */
export function buildCatalog(input: CatalogInput, options: CatalogOptions): DiscoveredModel[] {
  const filter = normalizeProviderFilter(options.providerFilter);
  const listed = new Map(input.foundationModels.map((s) => [s.modelId.trim(), s]));
  const out = new Map<string, DiscoveredModel>();

  const entry = (
    id: string,
    invocation: Invocation,
    baseModelId: string,
    summary: FoundationModelSummary | undefined,
    name: string | undefined,
  ): DiscoveredModel => {
    const row = lookupKnownModel(baseModelId);
    const capabilities: ModelCapabilities = row
      ? capabilitiesOf(row)
      : defaultCapabilities(options.defaults, inputOf(summary));
    return {
      id,
      name: name?.trim() || summary?.modelName?.trim() || row?.name || id,
      providerName: summary?.providerName?.trim() || row?.providerName || providerSegmentOf(baseModelId),
      baseModelId,
      invocation,
      region: options.region,
      known: row !== undefined,
      ...capabilityFields(capabilities),
    };
  };

  // Which base models may be offered at all, and with which summary.
  const offerable = (baseModelId: string): { ok: boolean; summary?: FoundationModelSummary } => {
    const summary = listed.get(baseModelId);
    if (summary) return { ok: isConversational(summary) && matchesProviderFilter(summary, filter), summary };
    // Listed only through a profile (no summary in this region): trust it only when the table knows
    // it as a text model; otherwise it could be an embedding or image profile.
    const row = lookupKnownModel(baseModelId);
    return { ok: row !== undefined && matchesProviderFilter({ modelId: baseModelId, ...row }, filter) };
  };

  for (const summary of input.foundationModels) {
    const id = summary.modelId.trim();
    if (!isConversational(summary) || !matchesProviderFilter(summary, filter) || !supportsOnDemand(summary))
      continue;
    out.set(id, entry(id, 'on-demand', id, summary, undefined));
  }

  for (const profile of input.inferenceProfiles ?? []) {
    const profileId = profile.inferenceProfileId.trim();
    if (!profileId || (profile.status !== undefined && !same(profile.status, 'ACTIVE'))) continue;
    const invocation = profileInvocation(profile);
    const baseModelId = profileBaseModelIds(profile)[0];
    if (!invocation || !baseModelId) continue;
    const { ok, summary } = offerable(baseModelId);
    if (!ok) continue;
    if (invocation === 'application-profile') {
      const arn = profile.inferenceProfileArn?.trim();
      if (!arn) continue;
      rememberApplicationProfile(arn, baseModelId);
      out.set(arn, entry(arn, invocation, baseModelId, summary, profile.inferenceProfileName));
    } else if (!out.has(profileId)) {
      out.set(profileId, entry(profileId, invocation, baseModelId, summary, profile.inferenceProfileName));
    }
  }

  return [...out.values()].sort(
    (a, b) =>
      a.providerName.localeCompare(b.providerName) ||
      a.baseModelId.localeCompare(b.baseModelId) ||
      RANK[a.invocation] - RANK[b.invocation] ||
      profileRank(a.id, a.region) - profileRank(b.id, b.region) ||
      a.id.localeCompare(b.id),
  );
}
