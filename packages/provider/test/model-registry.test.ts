// Model refs against configured models and real discovery over the emulator.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { parseConfig } from '@outcrop/config-schema';
import { resolveBedrockConnection } from '@outcrop/credentials';
import { createDiscovery } from '@outcrop/discovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownModelError } from '../src/errors.js';
import { createModelRegistry, type ModelRegistry } from '../src/model-registry.js';

let emulator: Emulator;
let registry: ModelRegistry;
const config = parseConfig(
  JSON.stringify({
    models: {
      providers: {
        'amazon-bedrock': {
          api: 'bedrock-converse-stream',
          auth: 'aws-sdk',
          models: [
            {
              id: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
              name: 'Sonnet (configured)',
              maxTokens: 8000,
            },
          ],
        },
        'local-llm': {
          baseUrl: 'http://127.0.0.1:9/v1',
          api: 'openai-chat-completions',
          models: [{ id: 'llama-local', reasoning: false }],
        },
      },
    },
    agents: {
      defaults: {
        model: {
          primary: 'sonnet',
          fallbacks: ['amazon-bedrock/amazon.nova-pro-v1:0', 'local-llm/llama-local'],
        },
        models: { 'amazon-bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0': { alias: 'sonnet' } },
      },
    },
  }),
);

beforeAll(async () => {
  emulator = await startEmulator();
  const homeDir = mkdtempSync(path.join(tmpdir(), 'outcrop-registry-home-'));
  const connection = await resolveBedrockConnection({ env: emulator.env(), homeDir });
  const discovery = createDiscovery({ connection, config: config.models.bedrockDiscovery });
  registry = createModelRegistry({ config, discovery });
});
afterAll(() => emulator.stop());

describe('createModelRegistry', () => {
  it('lists configured models first, then discovered ones, each once', async () => {
    const models = await registry.list();
    expect(models[0]).toMatchObject({
      provider: 'amazon-bedrock',
      id: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
    });
    expect(models[1]).toMatchObject({
      provider: 'local-llm',
      api: 'openai-chat-completions',
      baseUrl: 'http://127.0.0.1:9/v1',
    });
    const refs = models.map((m) => `${m.provider}/${m.id}`);
    expect(new Set(refs).size).toBe(refs.length);
    expect(refs).toContain('amazon-bedrock/amazon.nova-pro-v1:0');
  });

  it('overlays configuration on the discovered entry and keeps discovered capabilities and prices', async () => {
    const spec = await registry.resolve('amazon-bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0');
    expect(spec).toMatchObject({
      api: 'bedrock-converse-stream',
      name: 'Sonnet (configured)',
      maxTokens: 8000,
      region: emulator.region,
      capabilities: { reasoning: true, promptCaching: true },
    });
    expect(spec.cost?.input).toBeGreaterThan(0);
  });

  it('resolves aliases, profile ids, ARNs and bare ids that need an inference profile', async () => {
    expect((await registry.resolve('sonnet')).id).toBe('us.anthropic.claude-sonnet-4-20250514-v1:0');
    const arn = `arn:aws:bedrock:${emulator.region}::foundation-model/amazon.nova-pro-v1:0`;
    expect((await registry.resolve(`amazon-bedrock/${arn}`)).id).toBe('amazon.nova-pro-v1:0');
    const bare = await registry.resolve('amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(bare.id).toMatch(/^us\.anthropic\.claude-sonnet-4-5-20250929-v1:0$/);
  });

  it('fails an unknown ref with a typed error listing the closest matches', async () => {
    const error = await registry.resolve('amazon-bedrock/amazon.nova-pro-v2:0').catch((e: unknown) => e);
    expect(UnknownModelError.isInstance(error)).toBe(true);
    if (!UnknownModelError.isInstance(error)) return;
    expect(error).toMatchObject({ code: 'unknown_model', httpStatus: 404 });
    expect(error.closestMatches[0]).toBe('amazon-bedrock/amazon.nova-pro-v1:0');
    expect(error.message).toContain('amazon-bedrock/amazon.nova-pro-v1:0');
    await expect(registry.resolve('clade-sonet')).rejects.toMatchObject({ code: 'unknown_model' });
    await expect(registry.resolve('amazon-bedrock/')).rejects.toMatchObject({ code: 'validation' });
  });

  it('returns the agent primary and its fallbacks in order', async () => {
    const models = await registry.agentModels();
    expect(models.map((m) => `${m.provider}/${m.id}`)).toEqual([
      'amazon-bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0',
      'amazon-bedrock/amazon.nova-pro-v1:0',
      'local-llm/llama-local',
    ]);
  });

  it('resolves configured models without discovery', async () => {
    const offline = createModelRegistry({ config });
    expect((await offline.resolve('sonnet')).provider).toBe('amazon-bedrock');
    await expect(offline.resolve('amazon-bedrock/amazon.nova-pro-v1:0')).rejects.toMatchObject({
      code: 'unknown_model',
    });
  });
});
