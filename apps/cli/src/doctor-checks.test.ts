import { describe, expect, it } from 'vitest';
import { needsInferenceProfile, profileAdvice } from './doctor-checks.js';

describe('needsInferenceProfile', () => {
  it("recognises Bedrock's on-demand error", () => {
    expect(
      needsInferenceProfile(
        "Invocation of model ID anthropic.claude-sonnet-4-5-20250929-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      ),
    ).toBe(true);
    expect(needsInferenceProfile('The provided model identifier is invalid.')).toBe(false);
  });
});

describe('profileAdvice', () => {
  const base = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
  const discovered = [
    { id: `us.${base}`, baseModelId: base, invocation: 'inference-profile' },
    { id: `global.${base}`, baseModelId: base, invocation: 'inference-profile' },
    { id: 'amazon.nova-lite-v1:0', baseModelId: 'amazon.nova-lite-v1:0', invocation: 'on-demand' },
  ];

  it('suggests the first profile for a bare id without on-demand access', () => {
    expect(
      profileAdvice([`amazon-bedrock/${base}`, 'amazon-bedrock/amazon.nova-lite-v1:0'], discovered),
    ).toEqual([{ ref: `amazon-bedrock/${base}`, use: `amazon-bedrock/us.${base}` }]);
  });

  it('says nothing for profile refs, other providers or unknown models', () => {
    expect(
      profileAdvice([`amazon-bedrock/us.${base}`, 'openai/gpt', 'amazon-bedrock/unknown'], discovered),
    ).toEqual([]);
  });
});
