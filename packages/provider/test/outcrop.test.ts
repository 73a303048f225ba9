// createOutcrop over the emulator with the real AWS SDK: one catalog (configured first, then discovered, one
// merge rule), ref resolution, the emulator fallback rule, and streams through the instance's providers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { parseConfig } from '@outcrop/config-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createBedrockProvider } from '../src/bedrock/index.js';
import { UnknownModelError } from '../src/errors.js';
import { createOutcrop, type Outcrop } from '../src/outcrop.js';

const SONNET_4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const home = () => mkdtempSync(path.join(tmpdir(), 'outcrop-instance-home-'));
const NO_AWS = { AWS_EC2_METADATA_DISABLED: 'true' };
const config = parseConfig(
  JSON.stringify({
    models: {
      providers: {
        'amazon-bedrock': {
          api: 'bedrock-converse-stream',
          auth: 'aws-sdk',
          models: [
            { id: SONNET_4, name: 'Sonnet (configured)', maxTokens: 8000 },
            // A configured context window below the discovered output limit bounds it (one merge rule).
            { id: 'amazon.nova-pro-v1:0', contextWindow: 2000 },
            // A price of 0 is a price: a self-billed model must not be charged the table's rate.
            {
              id: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
              cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
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
        model: { primary: 'sonnet', fallbacks: ['amazon-bedrock/amazon.nova-pro-v1:0'] },
        models: { [`amazon-bedrock/${SONNET_4}`]: { alias: 'sonnet' } },
      },
    },
  }),
);
const otherApi = {
  specificationVersion: 'v1' as const,
  api: 'openai-chat-completions',
  async *stream() {},
};

let emulator: Emulator;
let outcrop: Outcrop;
beforeAll(async () => {
  emulator = await startEmulator();
  outcrop = await createOutcrop({
    config,
    env: emulator.env(),
    homeDir: home(),
    providers: { 'openai-chat-completions': otherApi },
  });
});
afterAll(async () => {
  await outcrop.close();
  await emulator.stop();
});

describe('createOutcrop', () => {
  it('names the credential source and region of its connection', () => {
    expect(outcrop.credentialSource.label).toBe('env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY');
    expect(outcrop.region.region).toBe(emulator.region);
    expect(outcrop.emulator).toBeUndefined();
  });

  it('lists configured models first (config order), then discovered ones, each once, with how to call them', async () => {
    const models = await outcrop.models();
    const refs = models.map((m) => `${m.provider}/${m.id}`);
    expect(refs.slice(0, 4)).toEqual([
      `amazon-bedrock/${SONNET_4}`,
      'amazon-bedrock/amazon.nova-pro-v1:0',
      'amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0',
      'local-llm/llama-local',
    ]);
    expect(new Set(refs).size).toBe(refs.length);
    expect(models[0]).toMatchObject({
      name: 'Sonnet (configured)',
      maxTokens: 8000,
      invocation: 'inference-profile',
    });
    expect(models[1]).toMatchObject({ contextWindow: 2000, maxTokens: 2000, invocation: 'on-demand' });
    expect(models[2]?.cost).toEqual({ input: 0, output: 0, cacheRead: 0, cacheWrite: 0 });
    expect(models[3]).toMatchObject({ api: 'openai-chat-completions', baseUrl: 'http://127.0.0.1:9/v1' });
    expect(models.length).toBeGreaterThan(4);
  });

  it('resolves aliases, ARNs, and profile-only bare ids with and without the provider prefix', async () => {
    expect((await outcrop.resolve('sonnet')).id).toBe(SONNET_4);
    const arn = `arn:aws:bedrock:${emulator.region}::foundation-model/amazon.nova-pro-v1:0`;
    expect((await outcrop.resolve(`amazon-bedrock/${arn}`)).id).toBe('amazon.nova-pro-v1:0');
    const profileOnly = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
    expect((await outcrop.resolve(`amazon-bedrock/${profileOnly}`)).id).toBe(`us.${profileOnly}`);
    expect((await outcrop.resolve(profileOnly)).id).toBe(`us.${profileOnly}`);
    expect((await outcrop.agentModels()).map((m) => m.id)).toEqual([SONNET_4, 'amazon.nova-pro-v1:0']);
  });

  it('fails an unknown ref with the closest matches', async () => {
    const error = await outcrop.resolve('amazon-bedrock/amazon.nova-pro-v2:0').catch((e: unknown) => e);
    expect(UnknownModelError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'unknown_model', httpStatus: 404 });
    expect((error as UnknownModelError).closestMatches[0]).toBe('amazon-bedrock/amazon.nova-pro-v1:0');
    await expect(outcrop.resolve('amazon-bedrock/')).rejects.toMatchObject({ code: 'validation' });
  });

  it('streams through its own Bedrock provider and prices a configured 0 as 0', async () => {
    const result = await outcrop.complete('amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0', {
      messages: [{ role: 'user', content: 'Free of charge.' }],
    });
    expect(result.message.content).toEqual([{ type: 'text', text: 'Free of charge.' }]);
    expect(result.cost?.total).toBe(0);
    const priced = await outcrop.complete('sonnet', { messages: [{ role: 'user', content: 'Priced.' }] });
    expect(priced.cost?.total).toBeGreaterThan(0);
  });
});

describe('the emulator fallback', () => {
  const start = async ({ region }: { region: string }) => startEmulator({ region });

  it('serves the emulator without credentials, even when the config names another baseUrl', async () => {
    const withBaseUrl = parseConfig(
      '{ models: { providers: { "amazon-bedrock": { baseUrl: "http://127.0.0.1:9", models: [] } } } }',
    );
    const local = await createOutcrop({
      config: withBaseUrl,
      env: NO_AWS,
      homeDir: home(),
      emulator: { start },
    });
    try {
      expect(local.emulator?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(local.connection.runtimeEndpoint.url).toBe(local.emulator?.url);
      const result = await local.complete('amazon-bedrock/amazon.nova-pro-v1:0', {
        messages: [{ role: 'user', content: 'From the emulator.' }],
      });
      expect(result.message.content).toEqual([{ type: 'text', text: 'From the emulator.' }]);
    } finally {
      await local.close();
    }
  });

  it('refuses to start without credentials when other machines can reach the app', async () => {
    let started = 0;
    const counting = async (o: { region: string }) => {
      started++;
      return start(o);
    };
    await expect(
      createOutcrop({
        config: parseConfig('{}'),
        env: NO_AWS,
        homeDir: home(),
        emulator: { start: counting, loopbackOnly: false },
      }),
    ).rejects.toMatchObject({
      code: 'no_credentials',
      message: expect.stringMatching(/reachable from other machines/),
    });
    expect(started).toBe(0);
  });

  it('never uses the emulator when credentials exist in auto mode', async () => {
    const real = await createOutcrop({
      config: parseConfig('{}'),
      env: emulator.env(),
      homeDir: home(),
      emulator: { start: () => Promise.reject(new Error('must not start')) },
    });
    expect(real.emulator).toBeUndefined();
    await real.close();
  });
});

describe('repairs', () => {
  it('happen once: the provider mapping repairs, its transport cannot be asked to repair again', () => {
    // @ts-expect-error the transport takes no `repair`: toBedrockMessages already dropped blanks and merged turns
    const options: Parameters<typeof createBedrockProvider>[0] = { transport: { repair: true } };
    expect(options?.transport).toBeDefined();
  });
});
