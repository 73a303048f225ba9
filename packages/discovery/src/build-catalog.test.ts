import { describe, expect, it } from 'vitest';
import { buildCatalog, profileBaseModelIds, supportsOnDemand } from './build-catalog.js';
import type { FoundationModelSummary, InferenceProfileSummary } from './catalog-input.js';
import { lookupCapabilities } from './known-models.js';

const defaults = { contextWindow: 32_000, maxTokens: 4_096 };
const REGION = 'us-east-1';

function fm(modelId: string, extra: Partial<FoundationModelSummary> = {}): FoundationModelSummary {
  return {
    modelId,
    modelArn: `arn:aws:bedrock:${REGION}::foundation-model/${modelId}`,
    modelName: modelId,
    providerName: 'Anthropic',
    inputModalities: ['TEXT', 'IMAGE'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    inferenceTypesSupported: ['ON_DEMAND'],
    modelLifecycle: { status: 'ACTIVE' },
    ...extra,
  };
}

function profile(
  id: string,
  base: string,
  extra: Partial<InferenceProfileSummary> = {},
): InferenceProfileSummary {
  return {
    inferenceProfileId: id,
    inferenceProfileName: `Profile ${id}`,
    inferenceProfileArn: `arn:aws:bedrock:${REGION}:111122223333:inference-profile/${id}`,
    models: ['us-east-1', 'us-west-2'].map((r) => ({
      modelArn: `arn:aws:bedrock:${r}::foundation-model/${base}`,
    })),
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
    ...extra,
  };
}

const HAIKU3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('buildCatalog', () => {
  it('keeps models that stream, output text and are active', () => {
    const models = buildCatalog(
      {
        foundationModels: [
          fm(HAIKU3),
          fm('anthropic.claude-v2', { modelLifecycle: { status: 'LEGACY' } }),
          fm('amazon.titan-embed-text-v2:0', { providerName: 'Amazon', outputModalities: ['EMBEDDING'] }),
          fm('stability.sd3-large-v1:0', { providerName: 'Stability AI', outputModalities: ['IMAGE'] }),
          fm('amazon.titan-text-express-v1', { providerName: 'Amazon', responseStreamingSupported: false }),
          fm('  ', { providerName: 'Nobody' }),
        ],
      },
      { region: REGION, defaults },
    );
    expect(models.map((m) => m.id)).toEqual([HAIKU3]);
    expect(models[0]).toMatchObject({
      invocation: 'on-demand',
      region: REGION,
      baseModelId: HAIKU3,
      known: true,
      contextWindow: 200_000,
      maxTokens: 4_096,
      cost: { input: 0.25, output: 1.25, cacheRead: 0, cacheWrite: 0 },
    });
  });

  it('offers a profile-only model by its profiles, never by its bare id', () => {
    const models = buildCatalog(
      {
        foundationModels: [fm(SONNET45, { inferenceTypesSupported: ['INFERENCE_PROFILE'] })],
        inferenceProfiles: [profile(`global.${SONNET45}`, SONNET45), profile(`us.${SONNET45}`, SONNET45)],
      },
      { region: REGION, defaults },
    );
    expect(models.map((m) => [m.id, m.invocation])).toEqual([
      [`us.${SONNET45}`, 'inference-profile'],
      [`global.${SONNET45}`, 'inference-profile'],
    ]);
    for (const model of models) {
      expect(model.baseModelId).toBe(SONNET45);
      expect(model.capabilities).toEqual(lookupCapabilities(SONNET45));
      expect(model.reasoning).toBe(true);
      expect(model.name).toBe(`Profile ${model.id}`);
    }
  });

  it('drops a profile-only model that has no profile in the region, and a provisioned-only one', () => {
    const models = buildCatalog(
      {
        foundationModels: [
          fm(SONNET45, { inferenceTypesSupported: ['INFERENCE_PROFILE'] }),
          fm(`${HAIKU3}:200k`, { inferenceTypesSupported: ['PROVISIONED'] }),
        ],
        inferenceProfiles: [],
      },
      { region: REGION, defaults },
    );
    expect(models).toEqual([]);
    expect(supportsOnDemand(fm(HAIKU3, { inferenceTypesSupported: undefined }))).toBe(true);
    expect(supportsOnDemand(fm(HAIKU3, { inferenceTypesSupported: ['on_demand'] }))).toBe(true);
  });

  it('offers both the bare id and the profiles of an on-demand model', () => {
    const models = buildCatalog(
      { foundationModels: [fm(HAIKU3)], inferenceProfiles: [profile(`us.${HAIKU3}`, HAIKU3)] },
      { region: REGION, defaults },
    );
    expect(models.map((m) => m.id)).toEqual([HAIKU3, `us.${HAIKU3}`]);
  });

  it('discovers application profiles by ARN with their base model capabilities', () => {
    const arn = `arn:aws:bedrock:${REGION}:111122223333:application-inference-profile/team-a`;
    const models = buildCatalog(
      {
        foundationModels: [fm(SONNET45, { inferenceTypesSupported: ['INFERENCE_PROFILE'] })],
        inferenceProfiles: [
          profile('team-a', SONNET45, {
            type: 'APPLICATION',
            inferenceProfileArn: arn,
            inferenceProfileName: 'team-a',
          }),
        ],
      },
      { region: REGION, defaults },
    );
    expect(models).toHaveLength(1);
    expect(models[0]).toMatchObject({
      id: arn,
      invocation: 'application-profile',
      baseModelId: SONNET45,
      name: 'team-a',
      known: true,
    });
    expect(lookupCapabilities(arn)).toEqual(lookupCapabilities(SONNET45));
  });

  it('skips inactive profiles, profiles of filtered-out models and unknown profile-only bases', () => {
    const models = buildCatalog(
      {
        foundationModels: [fm('anthropic.claude-v2', { modelLifecycle: { status: 'LEGACY' } }), fm(HAIKU3)],
        inferenceProfiles: [
          profile(`us.${HAIKU3}`, HAIKU3, { status: 'INACTIVE' }),
          profile('us.anthropic.claude-v2', 'anthropic.claude-v2'),
          // Not listed as a foundation model here and unknown to the table: could be an embedding profile.
          profile('us.twelvelabs.marengo-embed-2-7-v1:0', 'twelvelabs.marengo-embed-2-7-v1:0'),
          // Not listed but known to the table: a text model reachable only through its profile here.
          profile('us.meta.llama3-3-70b-instruct-v1:0', 'meta.llama3-3-70b-instruct-v1:0'),
        ],
      },
      { region: REGION, defaults },
    );
    expect(models.map((m) => m.id)).toEqual([HAIKU3, 'us.meta.llama3-3-70b-instruct-v1:0']);
    expect(models[1]?.providerName).toBe('Meta');
  });

  it('applies the provider filter to provider names and id prefixes, case-insensitively', () => {
    const input = {
      foundationModels: [
        fm(HAIKU3),
        fm('meta.llama3-1-8b-instruct-v1:0', { providerName: 'Meta' }),
        fm('amazon.nova-lite-v1:0', { providerName: 'Amazon' }),
      ],
      inferenceProfiles: [profile('us.meta.llama3-1-8b-instruct-v1:0', 'meta.llama3-1-8b-instruct-v1:0')],
    };
    const ids = (filter: string[]) =>
      buildCatalog(input, { region: REGION, defaults, providerFilter: filter }).map((m) => m.id);
    expect(ids([' ANTHROPIC '])).toEqual([HAIKU3]);
    expect(ids(['meta'])).toEqual(['meta.llama3-1-8b-instruct-v1:0', 'us.meta.llama3-1-8b-instruct-v1:0']);
    expect(ids(['Amazon', 'meta'])).toHaveLength(3);
    expect(ids(['nobody'])).toEqual([]);
    expect(ids([])).toHaveLength(4);
  });

  it('gives unknown models the configured defaults and their listed modalities', () => {
    const [model] = buildCatalog(
      { foundationModels: [fm('acme.new-model-v1:0', { providerName: 'Acme', modelName: 'New Model' })] },
      { region: 'eu-west-1', defaults },
    );
    expect(model).toMatchObject({
      id: 'acme.new-model-v1:0',
      name: 'New Model',
      providerName: 'Acme',
      known: false,
      region: 'eu-west-1',
      contextWindow: 32_000,
      maxTokens: 4_096,
      input: ['text', 'image'],
      reasoning: false,
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    });
    expect(model?.capabilities.cost).toBeUndefined();
  });

  it('finds the base of a system profile from its id when models[] is empty', () => {
    expect(profileBaseModelIds(profile(`eu.${HAIKU3}`, HAIKU3, { models: [] }))).toEqual([HAIKU3]);
    expect(profileBaseModelIds(profile('app', HAIKU3, { type: 'APPLICATION', models: [] }))).toEqual([]);
  });
});
