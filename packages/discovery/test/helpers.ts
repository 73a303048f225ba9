import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CatalogModel,
  type Emulator,
  type EmulatorOptions,
  type JournalEntry,
  startEmulator,
} from '@outcrop/bedrock-emulator';
import type { BedrockDiscoveryConfig } from '@outcrop/config-schema';
import { type BedrockConnection, resolveBedrockConnection } from '@outcrop/credentials';
import { afterEach } from 'vitest';
import { type CreateDiscoveryOptions, createDiscovery, type Discovery } from '../src/index.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'outcrop-discovery-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** An emulator stopped after the test. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const started = await startEmulator(options);
  cleanups.push(() => started.stop());
  return started;
}

/** A real connection (real credential resolution) pointed at the emulator, with an empty HOME. */
export async function connectionTo(
  emu: Emulator,
  env: Record<string, string | undefined> = {},
): Promise<BedrockConnection> {
  return resolveBedrockConnection({
    env: { ...emu.env(), ...env },
    homeDir: await tempDir(),
    timeoutMs: 200,
  });
}

export function config(overrides: Partial<BedrockDiscoveryConfig> = {}): BedrockDiscoveryConfig {
  return { refreshInterval: 3600, defaultContextWindow: 32_000, defaultMaxTokens: 4_096, ...overrides };
}

export async function discoveryOn(
  emu: Emulator,
  overrides: Partial<BedrockDiscoveryConfig> = {},
  extra: Partial<CreateDiscoveryOptions> & { env?: Record<string, string | undefined> } = {},
): Promise<Discovery> {
  const { env, ...rest } = extra;
  return createDiscovery({ connection: await connectionTo(emu, env), config: config(overrides), ...rest });
}

export function calls(emu: Emulator, operation: JournalEntry['operation']): number {
  return emu.journal.entries().filter((entry) => entry.operation === operation).length;
}

const chat = {
  inputModalities: ['TEXT', 'IMAGE'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  inferenceTypesSupported: ['ON_DEMAND'],
  lifecycle: 'ACTIVE',
} satisfies Partial<CatalogModel>;

export const HAIKU3 = 'anthropic.claude-3-haiku-20240307-v1:0';
export const SONNET45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
export const NOVA2 = 'amazon.nova-2-lite-v1:0';

/** A small catalog with one of each case discovery must tell apart. */
export const CATALOG_MODELS: CatalogModel[] = [
  {
    ...chat,
    modelId: HAIKU3,
    modelName: 'Claude 3 Haiku',
    providerName: 'Anthropic',
    profiles: ['us', 'eu'],
  },
  {
    ...chat,
    modelId: SONNET45,
    modelName: 'Claude Sonnet 4.5',
    providerName: 'Anthropic',
    inferenceTypesSupported: ['INFERENCE_PROFILE'],
    profiles: ['us', 'eu', 'jp', 'apac', 'global'],
  },
  {
    ...chat,
    modelId: NOVA2,
    modelName: 'Nova 2 Lite',
    providerName: 'Amazon',
    inferenceTypesSupported: ['INFERENCE_PROFILE'],
    profiles: ['us', 'global'],
  },
  {
    ...chat,
    modelId: 'anthropic.claude-v2:1',
    modelName: 'Claude',
    providerName: 'Anthropic',
    lifecycle: 'LEGACY',
  },
  {
    ...chat,
    modelId: 'amazon.titan-embed-text-v2:0',
    modelName: 'Titan Text Embeddings V2',
    providerName: 'Amazon',
    outputModalities: ['EMBEDDING'],
    responseStreamingSupported: false,
  },
  {
    ...chat,
    modelId: 'amazon.nova-canvas-v1:0',
    modelName: 'Nova Canvas',
    providerName: 'Amazon',
    outputModalities: ['IMAGE'],
    responseStreamingSupported: false,
  },
  {
    ...chat,
    modelId: 'acme.mystery-v1:0',
    modelName: 'Mystery',
    providerName: 'Acme',
    inputModalities: ['TEXT'],
  },
  {
    ...chat,
    modelId: 'mistral.mistral-large-2407-v1:0',
    modelName: 'Mistral Large (24.07)',
    providerName: 'Mistral AI',
    inputModalities: ['TEXT'],
    regions: ['us-west-2', 'eu-west-1'],
  },
  {
    ...chat,
    modelId: `${HAIKU3}:200k`,
    modelName: 'Claude 3 Haiku 200k',
    providerName: 'Anthropic',
    inferenceTypesSupported: ['PROVISIONED'],
  },
];

export const APP_PROFILE = {
  id: 'teamsonnet01',
  name: 'team-a-sonnet',
  region: 'us-east-1',
  copyFrom: `us.${SONNET45}`,
};
