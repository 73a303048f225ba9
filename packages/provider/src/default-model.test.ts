import { describe, expect, it } from 'vitest';
import { suggestDefaultModel } from './default-model.js';

describe('suggestDefaultModel', () => {
  it('prefers a Claude Sonnet, then any Claude, then Nova Pro, then the first', () => {
    const sonnet = 'amazon-bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0';
    const haiku = 'amazon-bedrock/anthropic.claude-3-5-haiku-20241022-v1:0';
    const nova = 'amazon-bedrock/amazon.nova-pro-v1:0';
    const jamba = 'amazon-bedrock/ai21.jamba-1-5-large-v1:0';
    expect(suggestDefaultModel([jamba, haiku, nova, sonnet])).toBe(sonnet);
    expect(suggestDefaultModel([jamba, nova, haiku])).toBe(haiku);
    expect(suggestDefaultModel([jamba, nova])).toBe(nova);
    expect(suggestDefaultModel([jamba])).toBe(jamba);
    expect(suggestDefaultModel([])).toBeUndefined();
  });
});
