import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { modelCapabilitiesSchema, modelCostSchema, modelInputSchema } from './capabilities.js';
import type { DiscoveredModel } from './discovered-model.js';
import { DiscoveryError } from './errors.js';
import type { Snapshot } from './refreshing-cache.js';

// One JSON file per cache key, for short-lived processes such as the CLI. Written atomically
// (temporary file + rename), read back only if it parses, matches the key and is not from the future.

const discoveredModelSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  providerName: z.string(),
  baseModelId: z.string().min(1),
  invocation: z.enum(['on-demand', 'inference-profile', 'application-profile']),
  region: z.string().min(1),
  known: z.boolean(),
  reasoning: z.boolean(),
  input: z.array(modelInputSchema),
  contextWindow: z.number().int().positive(),
  maxTokens: z.number().int().positive(),
  cost: modelCostSchema,
  capabilities: modelCapabilitiesSchema,
});

const warningSchema = z.object({
  code: z.enum(['access_denied', 'throttled', 'network', 'invalid_response']),
  message: z.string(),
  operation: z.enum(['ListFoundationModels', 'ListInferenceProfiles']).optional(),
  missingAction: z.enum(['bedrock:ListFoundationModels', 'bedrock:ListInferenceProfiles']).optional(),
});

const fileSchema = z.object({
  version: z.literal(1),
  key: z.string(),
  fetchedAt: z.number().int().nonnegative(),
  models: z.array(discoveredModelSchema),
  warnings: z.array(warningSchema),
});

const CLOCK_SKEW_MS = 60_000;

export function diskCacheFile(dir: string, key: string): string {
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 32);
  return join(dir, `bedrock-discovery-${digest}.json`);
}

export async function readDiskCache(
  dir: string,
  key: string,
  now: number,
): Promise<Snapshot<DiscoveredModel[]> | undefined> {
  let text: string;
  try {
    text = await readFile(diskCacheFile(dir, key), 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success || parsed.data.key !== key || parsed.data.fetchedAt > now + CLOCK_SKEW_MS)
    return undefined;
  return {
    value: parsed.data.models,
    fetchedAt: parsed.data.fetchedAt,
    warnings: parsed.data.warnings.map(
      (w) =>
        new DiscoveryError(w.code, w.message, { operation: w.operation, missingAction: w.missingAction }),
    ),
  };
}

export async function writeDiskCache(
  dir: string,
  key: string,
  snapshot: Snapshot<DiscoveredModel[]>,
): Promise<void> {
  const file = diskCacheFile(dir, key);
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const body = {
    version: 1,
    key,
    fetchedAt: snapshot.fetchedAt,
    models: snapshot.value,
    warnings: snapshot.warnings.map((w) => ({
      code: w.code,
      message: w.message,
      operation: w.operation,
      missingAction: w.missingAction,
    })),
  };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(temporary, `${JSON.stringify(body)}\n`, { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
