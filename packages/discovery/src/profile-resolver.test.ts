import { describe, expect, it } from 'vitest';
import { buildCatalog } from './build-catalog.js';
import { profileResolverFrom } from './profile-resolver.js';

const SONNET = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const catalogIn = (region: string, prefixes: string[]) =>
  buildCatalog(
    {
      foundationModels: [
        {
          modelId: SONNET,
          providerName: 'Anthropic',
          outputModalities: ['TEXT'],
          responseStreamingSupported: true,
          inferenceTypesSupported: ['INFERENCE_PROFILE'],
          modelLifecycle: { status: 'ACTIVE' },
        },
      ],
      inferenceProfiles: prefixes.map((p) => ({
        inferenceProfileId: `${p}.${SONNET}`,
        type: 'SYSTEM_DEFINED',
        status: 'ACTIVE',
      })),
    },
    { region, defaults: { contextWindow: 1, maxTokens: 1 } },
  );

describe('profileResolverFrom', () => {
  it('answers with the discovered profile, geographic before global', () => {
    const profileFor = profileResolverFrom(catalogIn('eu-west-1', ['global', 'eu']));
    expect(profileFor(SONNET, 'eu-west-1')).toBe(`eu.${SONNET}`);
  });

  it('falls back to global, and knows nothing about other regions or unlisted models', () => {
    const profileFor = profileResolverFrom(catalogIn('sa-east-1', ['global']));
    expect(profileFor(SONNET, 'sa-east-1')).toBe(`global.${SONNET}`);
    expect(profileFor(SONNET, 'us-east-1')).toBeUndefined();
    expect(profileFor('amazon.nova-lite-v1:0', 'sa-east-1')).toBeUndefined();
    expect(profileFor(`us.${SONNET}`, 'sa-east-1')).toBeUndefined();
  });
});
