import { describe, expect, it } from 'vitest';
import { buildCatalog } from './build-catalog.js';
import { lookupCapabilities } from './known-models.js';
import { mergeModels } from './merge-models.js';

const defaults = { defaultContextWindow: 32_000, defaultMaxTokens: 4_096, region: 'us-west-2' };
const NOVA = 'amazon.nova-pro-v1:0';
const discovered = buildCatalog(
  {
    foundationModels: [NOVA, 'acme.widget-v1:0'].map((modelId) => ({
      modelId,
      providerName: modelId.startsWith('amazon') ? 'Amazon' : 'Acme',
      modelName: modelId,
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      modelLifecycle: { status: 'ACTIVE' },
    })),
  },
  { region: 'us-west-2', defaults: { contextWindow: 32_000, maxTokens: 4_096 } },
);

describe('mergeModels', () => {
  it('lets configured fields win and discovered fields fill the rest', () => {
    const [nova] = mergeModels(
      [{ id: NOVA, name: 'My Nova', maxTokens: 2_000, cost: { input: 0.7 }, headers: { 'x-team': 'a' } }],
      discovered,
      defaults,
    );
    expect(nova).toMatchObject({
      id: NOVA,
      name: 'My Nova',
      invocation: 'on-demand',
      configured: true,
      maxTokens: 2_000,
      contextWindow: 300_000,
      cost: { input: 0.7, output: 3.2, cacheRead: 0.2, cacheWrite: 0 },
      headers: { 'x-team': 'a' },
    });
    expect(nova?.capabilities).toMatchObject({ maxTokens: 2_000, contextWindow: 300_000, toolUse: true });
  });

  it('adds discovered-only models after the configured ones', () => {
    const merged = mergeModels([{ id: 'acme.widget-v1:0' }], discovered, defaults);
    expect(merged.map((m) => [m.id, m.configured])).toEqual([
      ['acme.widget-v1:0', true],
      [NOVA, false],
    ]);
  });

  it('keeps configured-only models as `configured`, with table capabilities when known', () => {
    const merged = mergeModels(
      [
        { id: 'us.anthropic.claude-sonnet-4-20250514-v1:0' },
        { id: 'acme.private-v9' },
        { id: 'arn:aws:bedrock:eu-west-1:1:application-inference-profile/x', reasoning: true },
      ],
      [],
      defaults,
    );
    expect(merged[0]).toMatchObject({
      invocation: 'configured',
      known: true,
      baseModelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
      region: 'us-west-2',
      contextWindow: 200_000,
      providerName: 'Anthropic',
    });
    expect(merged[0]?.capabilities).toEqual(lookupCapabilities('anthropic.claude-sonnet-4-20250514-v1:0'));
    expect(merged[1]).toMatchObject({
      known: false,
      contextWindow: 32_000,
      maxTokens: 4_096,
      providerName: 'acme',
    });
    expect(merged[2]).toMatchObject({ region: 'eu-west-1', reasoning: true });
  });

  it('turns reasoning parameters off for a model configured as non-reasoning', () => {
    const [model] = mergeModels(
      [{ id: 'anthropic.claude-sonnet-4-20250514-v1:0', reasoning: false }],
      [],
      defaults,
    );
    expect(model?.capabilities).toMatchObject({ reasoning: false, reasoningDialect: 'none' });
  });

  it('trims ids and ignores duplicates and blanks in the config', () => {
    const merged = mergeModels(
      [{ id: ` ${NOVA} `, name: 'first' }, { id: NOVA, name: 'second' }, { id: '  ' }],
      discovered,
      defaults,
    );
    expect(merged.filter((m) => m.id === NOVA)).toHaveLength(1);
    expect(merged[0]?.name).toBe('first');
    expect(merged).toHaveLength(2);
  });
});
