import type { BedrockClient } from '@aws-sdk/client-bedrock';
import {
  type CatalogInput,
  type FoundationModelSummary,
  foundationModelSummarySchema,
  type InferenceProfileSummary,
  inferenceProfileSummarySchema,
} from './catalog-input.js';
import { DiscoveryError, type DiscoveryOperation, toDiscoveryError } from './errors.js';

export interface FetchCatalogOptions {
  region: string;
  /** ListInferenceProfiles page size (AWS allows 1 to 1000). */
  pageSize?: number;
  /** Stop after this many pages: a server that keeps returning a nextToken must not loop forever. */
  maxPages?: number;
  /** Both listings together must finish within this (default 30 s): a silent server must not hang callers. */
  timeoutMs?: number;
}

/** The control-plane SDK, loaded on first use (a warm cache answers without it). */
export const loadBedrockSdk = (): Promise<typeof import('@aws-sdk/client-bedrock')> =>
  import('@aws-sdk/client-bedrock');

class MalformedReply extends Error {
  override readonly name = 'SerializationException';
}

function validItems<T>(
  items: unknown,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  field: string,
): T[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) throw new MalformedReply(`"${field}" is not an array`);
  // One odd entry (AWS adds fields and values over time) must not hide every other model.
  return items.flatMap((item) => {
    const parsed = schema.safeParse(item);
    return parsed.success && parsed.data !== undefined ? [parsed.data] : [];
  });
}

async function listFoundationModels(
  client: BedrockClient,
  signal?: AbortSignal,
): Promise<FoundationModelSummary[]> {
  const { ListFoundationModelsCommand } = await loadBedrockSdk();
  const reply = await client.send(new ListFoundationModelsCommand({}), { abortSignal: signal });
  return validItems(reply.modelSummaries, foundationModelSummarySchema, 'modelSummaries');
}

async function listInferenceProfiles(
  client: BedrockClient,
  options: FetchCatalogOptions & { signal: AbortSignal },
): Promise<InferenceProfileSummary[]> {
  const { paginateListInferenceProfiles } = await loadBedrockSdk();
  const maxPages = options.maxPages ?? 100;
  const profiles: InferenceProfileSummary[] = [];
  let pages = 0;
  // No typeEquals: system-defined and application profiles both come back.
  const pager = paginateListInferenceProfiles(
    { client, pageSize: options.pageSize ?? 1000 },
    {},
    { abortSignal: options.signal },
  );
  for await (const page of pager) {
    profiles.push(
      ...validItems(
        page.inferenceProfileSummaries,
        inferenceProfileSummarySchema,
        'inferenceProfileSummaries',
      ),
    );
    pages += 1;
    if (pages >= maxPages && page.nextToken) {
      throw new MalformedReply(`still paging after ${maxPages} pages of inference profiles`);
    }
  }
  return profiles;
}

/**
 * Lists foundation models and inference profiles in parallel. A failure of the model listing is
 * fatal; a failure of the profile listing alone comes back as a warning (the models stay usable).
 */
export async function fetchCatalogInput(
  client: BedrockClient,
  options: FetchCatalogOptions,
): Promise<{ input: CatalogInput; warnings: DiscoveryError[] }> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signal = AbortSignal.timeout(timeoutMs);
  const wrap = <T>(operation: DiscoveryOperation, work: Promise<T>) =>
    work.catch((error: unknown) => {
      if (signal.aborted) {
        throw new DiscoveryError(
          'network',
          `${operation} in ${options.region} timed out after ${timeoutMs} ms`,
          {
            operation,
            cause: error,
          },
        );
      }
      throw toDiscoveryError(error, operation, options.region);
    });
  const [models, profiles] = await Promise.allSettled([
    wrap('ListFoundationModels', listFoundationModels(client, signal)),
    wrap('ListInferenceProfiles', listInferenceProfiles(client, { ...options, signal })),
  ]);
  if (models.status === 'rejected') throw models.reason;
  if (profiles.status === 'rejected') {
    return { input: { foundationModels: models.value }, warnings: [profiles.reason as DiscoveryError] };
  }
  return { input: { foundationModels: models.value, inferenceProfiles: profiles.value }, warnings: [] };
}
