import { describe, expect, it } from 'vitest';
import { modelCapabilitiesSchema } from './capabilities.js';
import { PRICE_DATE } from './known-model.js';
import { KNOWN_MODELS, lookupCapabilities } from './known-models.js';
import { baseModelIdOf, parseModelId } from './model-id.js';

const entries = Object.entries(KNOWN_MODELS);

describe('the capability table', () => {
  it('covers the families the project promises', () => {
    const ids = Object.keys(KNOWN_MODELS).join('\n');
    for (const family of [
      'claude-3-haiku',
      'claude-3-5-sonnet',
      'claude-3-7-sonnet',
      'claude-sonnet-4-',
      'claude-opus-4-1',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'claude-opus-4-5',
      'nova-micro',
      'nova-lite',
      'nova-pro',
      'nova-premier',
      'nova-2-lite',
      'llama3-1',
      'llama3-3',
      'llama4',
      'mistral-large',
      'mistral-small',
      'pixtral',
      'deepseek.r1',
      'deepseek.v3',
      'command-r-plus',
      'titan-text',
      'qwen3',
      'gpt-oss',
    ]) {
      expect(ids, family).toContain(family);
    }
  });

  it.each(entries)('%s is sane', (id, row) => {
    const { name: _n, providerName: _p, ...capabilities } = row;
    expect(() => modelCapabilitiesSchema.parse(capabilities)).not.toThrow();
    // Keyed by a bare foundation model id, never a profile or an ARN.
    expect(parseModelId(id).kind).toBe('foundation-model');
    expect(baseModelIdOf(id)).toBe(id);
    expect(row.name.trim()).not.toBe('');
    expect(row.providerName.trim()).not.toBe('');
    expect(row.input).toContain('text');
    expect(row.maxTokens).toBeLessThanOrEqual(row.contextWindow);
    expect(row.contextWindow).toBeGreaterThanOrEqual(4_096);
    expect(row.contextWindow).toBeLessThanOrEqual(10_000_000);
    // Reasoning and its dialect agree.
    expect(row.reasoning).toBe(row.reasoningDialect !== 'none');
    expect(row.cost, 'every known model has a price').toBeDefined();
    const cost = row.cost!;
    expect(row.priceDate).toBe(PRICE_DATE);
    expect(cost.input).toBeGreaterThan(0);
    expect(cost.output).toBeGreaterThanOrEqual(cost.input);
    // Per 1M tokens: nothing on Bedrock costs more than $200 per million.
    expect(cost.output).toBeLessThan(200);
    // Cache prices exist exactly when the model caches (both sides are pinned below from public prices).
    expect(cost.cacheRead > 0).toBe(row.promptCaching);
    expect(cost.cacheRead).toBeLessThan(cost.input);
    expect(cost.cacheWrite === 0 || cost.cacheWrite >= cost.input).toBe(true);
  });

  // Public list prices, us-east-1 on demand, USD per 1M tokens (https://aws.amazon.com/bedrock/pricing/; the
  // Claude cache rates are Anthropic's: reads 0.1x input, 5-minute writes 1.25x; Nova bills no cache writes and
  // reads at 0.25x input). Written out by hand so a typo in the table under test fails here.
  const PUBLIC_PRICES: Record<
    string,
    [input: number, output: number, cacheRead: number, cacheWrite: number]
  > = {
    'anthropic.claude-3-haiku-20240307-v1:0': [0.25, 1.25, 0, 0],
    'anthropic.claude-3-5-haiku-20241022-v1:0': [0.8, 4, 0.08, 1],
    'anthropic.claude-3-7-sonnet-20250219-v1:0': [3, 15, 0.3, 3.75],
    'anthropic.claude-sonnet-4-20250514-v1:0': [3, 15, 0.3, 3.75],
    'anthropic.claude-opus-4-1-20250805-v1:0': [15, 75, 1.5, 18.75],
    'anthropic.claude-sonnet-4-5-20250929-v1:0': [3, 15, 0.3, 3.75],
    'anthropic.claude-haiku-4-5-20251001-v1:0': [1, 5, 0.1, 1.25],
    'anthropic.claude-opus-4-5-20251101-v1:0': [5, 25, 0.5, 6.25],
    'amazon.nova-micro-v1:0': [0.035, 0.14, 0.00875, 0],
    'amazon.nova-lite-v1:0': [0.06, 0.24, 0.015, 0],
    'amazon.nova-pro-v1:0': [0.8, 3.2, 0.2, 0],
    'meta.llama3-3-70b-instruct-v1:0': [0.72, 0.72, 0, 0],
    'deepseek.r1-v1:0': [1.35, 5.4, 0, 0],
    'openai.gpt-oss-120b-1:0': [0.15, 0.6, 0, 0],
  };
  it.each(Object.entries(PUBLIC_PRICES))(
    '%s costs its public list price',
    (id, [input, output, cacheRead, cacheWrite]) => {
      expect(KNOWN_MODELS[id]?.cost).toEqual({ input, output, cacheRead, cacheWrite });
      expect(KNOWN_MODELS[id]?.promptCaching).toBe(cacheRead > 0);
    },
  );

  it('gives each model a distinct name', () => {
    const names = entries.map(([, row]) => row.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('uses the documented reasoning dialects', () => {
    expect(lookupCapabilities('anthropic.claude-3-7-sonnet-20250219-v1:0')?.reasoningDialect).toBe(
      'anthropic-budget',
    );
    expect(lookupCapabilities('anthropic.claude-sonnet-4-5-20250929-v1:0')?.reasoningDialect).toBe(
      'anthropic-budget',
    );
    expect(lookupCapabilities('anthropic.claude-opus-4-6-v1')?.reasoningDialect).toBe('anthropic-adaptive');
    expect(lookupCapabilities('deepseek.r1-v1:0')?.reasoningDialect).toBe('always-on');
    expect(lookupCapabilities('openai.gpt-oss-120b-1:0')?.reasoningDialect).toBe('reasoning-effort');
    expect(lookupCapabilities('anthropic.claude-3-5-sonnet-20241022-v2:0')?.reasoning).toBe(false);
    expect(lookupCapabilities('anthropic.claude-opus-4-7')?.temperature).toBe(false);
  });
});

describe('lookupCapabilities', () => {
  it('finds a model through profile prefixes, ARNs and context-length variants', () => {
    const base = lookupCapabilities('anthropic.claude-sonnet-4-20250514-v1:0');
    expect(base?.contextWindow).toBe(200_000);
    for (const id of [
      'us.anthropic.claude-sonnet-4-20250514-v1:0',
      'eu.anthropic.claude-sonnet-4-20250514-v1:0',
      'apac.anthropic.claude-sonnet-4-20250514-v1:0',
      'global.anthropic.claude-sonnet-4-20250514-v1:0',
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
      'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-20250514-v1:0',
      ' anthropic.claude-sonnet-4-20250514-v1:0 ',
    ]) {
      expect(lookupCapabilities(id), id).toEqual(base);
    }
    expect(lookupCapabilities('anthropic.claude-3-haiku-20240307-v1:0:200k')?.maxTokens).toBe(4_096);
  });

  it('returns undefined for unknown models and unlisted application profiles', () => {
    expect(lookupCapabilities('acme.unknown-model-v1:0')).toBeUndefined();
    expect(
      lookupCapabilities('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/zzz'),
    ).toBeUndefined();
  });

  it('returns a copy the caller may change', () => {
    const first = lookupCapabilities('amazon.nova-pro-v1:0')!;
    first.input.push('document');
    first.cost!.input = 999;
    expect(lookupCapabilities('amazon.nova-pro-v1:0')?.cost?.input).toBe(0.8);
  });
});
