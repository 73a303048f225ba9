import { parseConfig } from '@outcrop/config-schema';
import { describe, expect, it } from 'vitest';
import { costNano, estimateInputTokens, modelIdentity } from './pricing.js';

describe('pricing', () => {
  const config = parseConfig(
    JSON.stringify({
      models: {
        providers: {
          'amazon-bedrock': {
            models: [{ id: 'my.custom-v1', cost: { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25 } }],
          },
        },
      },
    }),
  );

  it('prices the four kinds of tokens in nano-dollars, from the config first', () => {
    const id = modelIdentity(config, 'amazon-bedrock/my.custom-v1');
    expect(id.cost).toEqual({ input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25 });
    // 1000*1 + 500*2 + 2000*0.1 + 400*1.25 = 2700 USD per million tokens -> 2,700,000 nano-dollars
    expect(
      costNano(id.cost, {
        inputTokens: 1000,
        outputTokens: 500,
        cacheReadTokens: 2000,
        cacheWriteTokens: 400,
      }),
    ).toBe(2_700_000);
    expect(
      costNano(undefined, { inputTokens: 1000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 }),
    ).toBe(0);
  });

  it('prices a system profile as its base model and names the profile', () => {
    const profile = modelIdentity(config, 'amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    const base = modelIdentity(config, 'amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(profile.resolvedModel).toBe('anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(profile.profile).toBe('us.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(base.profile).toBeNull();
    expect(profile.cost).toBeDefined();
    expect(profile.cost).toEqual(base.cost);
  });

  it('estimates input tokens from the text sent, not the field names', () => {
    expect(
      estimateInputTokens({ messages: [{ role: 'user', content: [{ type: 'text', text: 'abcdefgh' }] }] }),
    ).toBe(2);
    expect(
      estimateInputTokens({
        system: 'abcd',
        messages: [
          { role: 'user', content: [{ type: 'image', mimeType: 'image/png', data: 'x'.repeat(10_000) }] },
        ],
      }),
    ).toBe(1 + 1600);
  });
});
