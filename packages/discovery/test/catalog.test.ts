import { describe, expect, it } from 'vitest';
import { DiscoveryError, lookupCapabilities } from '../src/index.js';
import { APP_PROFILE, CATALOG_MODELS, discoveryOn, emulator, HAIKU3, NOVA2, SONNET45 } from './helpers.js';

const catalog = { models: CATALOG_MODELS, applicationProfiles: [APP_PROFILE], accountId: '111122223333' };
const APP_ARN = `arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/${APP_PROFILE.id}`;

describe('discovery against the emulator (real SDK)', () => {
  it('lists what can really be called in us-east-1, each with how and where', async () => {
    const emu = await emulator({ catalog });
    const { models, errors, stale, fromCache } = await (await discoveryOn(emu)).list();
    expect(errors).toEqual([]);
    expect(stale).toBe(false);
    expect(fromCache).toBe(false);
    expect(models.map((m) => [m.id, m.invocation])).toEqual([
      ['acme.mystery-v1:0', 'on-demand'],
      [NOVA2.replace('amazon.', 'us.amazon.'), 'inference-profile'],
      [`global.${NOVA2}`, 'inference-profile'],
      [HAIKU3, 'on-demand'],
      [`us.${HAIKU3}`, 'inference-profile'],
      [`us.${SONNET45}`, 'inference-profile'],
      [`global.${SONNET45}`, 'inference-profile'],
      [APP_ARN, 'application-profile'],
    ]);
    for (const model of models) expect(model.region).toBe('us-east-1');
  });

  it('excludes LEGACY, embedding, image and provisioned-only models, and never offers a profile-only bare id', async () => {
    const emu = await emulator({ catalog });
    const ids = (await (await discoveryOn(emu)).list()).models.map((m) => m.id);
    for (const absent of [
      'anthropic.claude-v2:1',
      'amazon.titan-embed-text-v2:0',
      'amazon.nova-canvas-v1:0',
      `${HAIKU3}:200k`,
      SONNET45,
      NOVA2,
    ]) {
      expect(ids).not.toContain(absent);
    }
  });

  it('gives profiles and application profiles their base model capabilities', async () => {
    const emu = await emulator({ catalog });
    const { models } = await (await discoveryOn(emu)).list();
    const app = models.find((m) => m.id === APP_ARN)!;
    expect(app).toMatchObject({ baseModelId: SONNET45, name: 'team-a-sonnet', known: true, reasoning: true });
    expect(app.capabilities).toEqual(lookupCapabilities(SONNET45));
    // Once discovered, the ARN resolves in the table too.
    expect(lookupCapabilities(APP_ARN)).toEqual(lookupCapabilities(SONNET45));
    const nova = models.find((m) => m.id === `us.${NOVA2}`)!;
    expect(nova.capabilities.reasoningDialect).toBe('nova-reasoning-config');
    const mystery = models.find((m) => m.id === 'acme.mystery-v1:0')!;
    expect(mystery).toMatchObject({ known: false, contextWindow: 32_000, maxTokens: 4_096, input: ['text'] });
  });

  it('lists per region: geo profiles of the region, regional models, the region on every entry', async () => {
    const emu = await emulator({ catalog });
    const eu = await (await discoveryOn(emu, { region: 'eu-west-1' })).list();
    expect(eu.models.map((m) => m.id)).toEqual([
      'acme.mystery-v1:0',
      `global.${NOVA2}`,
      HAIKU3,
      `eu.${HAIKU3}`,
      `eu.${SONNET45}`,
      `global.${SONNET45}`,
      'mistral.mistral-large-2407-v1:0',
    ]);
    for (const model of eu.models) expect(model.region).toBe('eu-west-1');
    const tokyo = await (await discoveryOn(emu, { region: 'ap-northeast-1' })).list();
    expect(tokyo.models.filter((m) => m.baseModelId === SONNET45).map((m) => m.id)).toEqual([
      `jp.${SONNET45}`,
      `apac.${SONNET45}`,
      `global.${SONNET45}`,
    ]);
    // The signing region of each request is the region asked for.
    const regions = new Set(emu.journal.entries().map((e) => e.region));
    expect(regions).toEqual(new Set(['eu-west-1', 'ap-northeast-1']));
  });

  it('applies the provider filter to names and id prefixes', async () => {
    const emu = await emulator({ catalog });
    const amazon = await (await discoveryOn(emu, { providerFilter: ['AMAZON'] })).list();
    expect(amazon.models.map((m) => m.id)).toEqual([`us.${NOVA2}`, `global.${NOVA2}`]);
    const byName = await (
      await discoveryOn(emu, { providerFilter: ['mistral ai', 'acme'], region: 'us-west-2' })
    ).list();
    expect(byName.models.map((m) => m.id)).toEqual(['acme.mystery-v1:0', 'mistral.mistral-large-2407-v1:0']);
    const byPrefix = await (
      await discoveryOn(emu, { providerFilter: ['mistral'], region: 'us-west-2' })
    ).list();
    expect(byPrefix.models.map((m) => m.id)).toEqual(['mistral.mistral-large-2407-v1:0']);
  });

  it('pages through inference profiles with the SDK paginator', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      ...CATALOG_MODELS[0]!,
      modelId: `acme.bulk-${String(i).padStart(2, '0')}-v1:0`,
      modelName: `Bulk ${i}`,
      providerName: 'Acme',
      inferenceTypesSupported: ['INFERENCE_PROFILE' as const],
      profiles: ['us' as const, 'global' as const],
    }));
    const emu = await emulator({ catalog: { models: many } });
    const { models } = await (await discoveryOn(emu, {}, { profilePageSize: 7 })).list();
    expect(models).toHaveLength(80);
    expect(models.every((m) => m.invocation === 'inference-profile')).toBe(true);
    const pages = emu.journal.entries().filter((e) => e.operation === 'ListInferenceProfiles');
    expect(pages).toHaveLength(Math.ceil(80 / 7));
    expect(pages.map((p) => p.path).filter((path) => path.includes('nextToken='))).toHaveLength(
      pages.length - 1,
    );
  });

  it('names the missing IAM action when listing models is denied', async () => {
    const key = { accessKeyId: 'AKIADENIEDMODELS0001', secretAccessKey: 'denied-secret-0001' };
    const emu = await emulator({
      catalog,
      credentials: [{ ...key, deniedActions: ['bedrock:ListFoundationModels'] }],
    });
    const failure = await (await discoveryOn(emu)).list().catch((error: unknown) => error);
    expect(DiscoveryError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      code: 'access_denied',
      missingAction: 'bedrock:ListFoundationModels',
      httpStatus: 403,
    });
    expect(String((failure as Error).message)).toContain('bedrock:ListFoundationModels');
    expect(String((failure as Error).message)).not.toContain(key.secretAccessKey);
  });

  it('still returns models when only profile listing is denied, and reports it', async () => {
    const key = { accessKeyId: 'AKIADENIEDPROFILES01', secretAccessKey: 'denied-secret-0002' };
    const emu = await emulator({
      catalog,
      credentials: [{ ...key, deniedActions: ['bedrock:ListInferenceProfiles'] }],
    });
    const result = await (await discoveryOn(emu)).list();
    expect(result.models.map((m) => m.id)).toEqual(['acme.mystery-v1:0', HAIKU3]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({
      code: 'access_denied',
      missingAction: 'bedrock:ListInferenceProfiles',
    });
  });

  it('works with a Bedrock API key (bearer token) as well as SigV4', async () => {
    const emu = await emulator({ catalog });
    const discovery = await discoveryOn(
      emu,
      {},
      {
        env: {
          AWS_ACCESS_KEY_ID: undefined,
          AWS_SECRET_ACCESS_KEY: undefined,
          AWS_BEARER_TOKEN_BEDROCK: emu.bearerToken,
        },
      },
    );
    const { models } = await discovery.list();
    expect(models.map((m) => m.id)).toContain(`us.${SONNET45}`);
    expect(new Set(emu.journal.entries().map((e) => e.auth.kind))).toEqual(new Set(['bearer']));
  });
});
