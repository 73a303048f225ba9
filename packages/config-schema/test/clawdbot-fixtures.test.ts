// Clawdbot's documented Bedrock snippets must load unchanged (test/__fixtures__ holds them verbatim).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agentModels, parseConfig, resolveModelRef } from '../src/index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('Clawdbot fixtures', () => {
  it('loads the bedrockDiscovery snippet', () => {
    const config = parseConfig(fixture('clawdbot-discovery.json5'), { env: {} });
    expect(config.models.bedrockDiscovery).toEqual({
      enabled: true,
      region: 'us-east-1',
      providerFilter: ['anthropic', 'amazon'],
      refreshInterval: 3600,
      defaultContextWindow: 32000,
      defaultMaxTokens: 4096,
    });
    expect(config.models.providers).toEqual({});
    expect(agentModels(config)).toEqual({ fallbacks: [] });
  });

  it('loads the amazon-bedrock provider snippet and resolves its primary model', () => {
    const config = parseConfig(fixture('clawdbot-provider.json5'), { env: {} });
    const provider = config.models.providers['amazon-bedrock'];
    expect(provider).toEqual({
      baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',
      api: 'bedrock-converse-stream',
      auth: 'aws-sdk',
      models: [
        {
          id: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
          name: 'Claude 3.7 Sonnet (Bedrock)',
          reasoning: true,
          input: ['text'],
          cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
          contextWindow: 200000,
          maxTokens: 8192,
        },
      ],
    });
    const { primary } = agentModels(config);
    expect(primary).toBe('amazon-bedrock/anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(resolveModelRef('anthropic.claude-3-7-sonnet-20250219-v1:0', { config })).toEqual({
      provider: 'amazon-bedrock',
      model: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
    });
  });

  it('fills every default of sections the snippets leave out', () => {
    const config = parseConfig(fixture('clawdbot-provider.json5'), { env: {} });
    expect(config.models.bedrockDiscovery).toEqual({
      refreshInterval: 3600,
      defaultContextWindow: 32000,
      defaultMaxTokens: 4096,
    });
    expect(config.gateway).toEqual({
      host: '127.0.0.1',
      port: 4141,
      allowedHosts: [],
      cors: { allowedOrigins: [] },
      auth: { tokens: [], allowAnonymous: false },
      limits: {
        maxBodyBytes: 1_048_576,
        bodyTimeoutMs: 30_000,
        maxConcurrentPerToken: 128,
        drainTimeoutMs: 10_000,
        firstEventTimeoutMs: 120_000,
        idleTimeoutMs: 300_000,
      },
      database: { failOpen: false, ledgerBuffer: 10_000 },
      budgets: { warnAtPercent: 80, defaultMaxTokens: 4096 },
      redis: {},
      telemetry: { otlp: { headers: {}, timeoutMs: 10_000 }, sampleRatio: 1 },
    });
  });
});
