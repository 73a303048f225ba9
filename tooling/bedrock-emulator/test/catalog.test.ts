// The control plane through @aws-sdk/client-bedrock, and Bedrock's model-id semantics on the runtime.
import {
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  type ListFoundationModelsCommandInput,
  ListInferenceProfilesCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalog, type Emulator, startEmulator } from '../src/index.js';
import { collect, controlClient, failure, runtimeClient, streamedText, userText } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

const control = (region = 'us-east-1') => controlClient(emulator, { region, maxAttempts: 1 });
const runtime = (region = 'us-east-1') => runtimeClient(emulator, { region, maxAttempts: 1 });

describe('ListFoundationModels / GetFoundationModel', () => {
  it('lists a realistic catalog of many providers and kinds', async () => {
    const client = control();
    const { modelSummaries = [] } = await client.send(new ListFoundationModelsCommand({}));
    expect(modelSummaries.length).toBeGreaterThanOrEqual(25);
    const providers = new Set(modelSummaries.map((model) => model.providerName));
    for (const provider of ['Anthropic', 'Amazon', 'Meta', 'Mistral AI', 'DeepSeek', 'Cohere'])
      expect(providers).toContain(provider);
    expect(modelSummaries.some((model) => model.responseStreamingSupported === false)).toBe(true);
    expect(modelSummaries.some((model) => model.outputModalities?.includes('EMBEDDING'))).toBe(true);
    expect(modelSummaries.some((model) => model.outputModalities?.includes('IMAGE'))).toBe(true);
    expect(modelSummaries.some((model) => model.modelLifecycle?.status === 'LEGACY')).toBe(true);
    expect(
      modelSummaries.some((model) => String(model.inferenceTypesSupported) === 'INFERENCE_PROFILE'),
    ).toBe(true);
    const haiku = modelSummaries.find((model) => model.modelId === 'anthropic.claude-3-haiku-20240307-v1:0');
    expect(haiku).toMatchObject({
      modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      modelName: 'Claude 3 Haiku',
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      modelLifecycle: { status: 'ACTIVE' },
    });
    client.destroy();
  });

  it('filters by provider, output modality, inference type and customization', async () => {
    const client = control();
    const list = async (input: ListFoundationModelsCommandInput) =>
      (await client.send(new ListFoundationModelsCommand(input))).modelSummaries ?? [];
    const meta = await list({ byProvider: 'meta' });
    expect(meta.length).toBeGreaterThan(0);
    expect(meta.every((model) => model.providerName === 'Meta')).toBe(true);
    const embeddings = await list({ byOutputModality: 'EMBEDDING' });
    expect(embeddings.map((model) => model.modelId).sort()).toEqual([
      'amazon.titan-embed-text-v2:0',
      'cohere.embed-english-v3',
    ]);
    const onDemand = await list({ byInferenceType: 'ON_DEMAND' });
    expect(onDemand.every((model) => model.inferenceTypesSupported?.includes('ON_DEMAND'))).toBe(true);
    expect(onDemand.some((model) => model.modelId === 'anthropic.claude-sonnet-4-20250514-v1:0')).toBe(false);
    const tunable = await list({ byCustomizationType: 'DISTILLATION', byProvider: 'Amazon' });
    expect(tunable.map((model) => model.modelId)).toContain('amazon.nova-pro-v1:0');
    const bad = await failure(list({ byOutputModality: 'SMELL' as never }));
    expect(bad.name).toBe('ValidationException');
    client.destroy();
  });

  it('lists what the signing region offers', async () => {
    const us = (await control('us-east-1').send(new ListFoundationModelsCommand({}))).modelSummaries ?? [];
    const eu = (await control('eu-west-3').send(new ListFoundationModelsCommand({}))).modelSummaries ?? [];
    expect(us.some((model) => model.modelId === 'ai21.jamba-1-5-large-v1:0')).toBe(true);
    expect(eu.some((model) => model.modelId === 'ai21.jamba-1-5-large-v1:0')).toBe(false);
    expect(eu[0]?.modelArn).toMatch(/^arn:aws:bedrock:eu-west-3::foundation-model\//);
  });

  it('gets one model by id or ARN; an unknown id is ResourceNotFoundException', async () => {
    const client = control();
    const byId = await client.send(
      new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-pro-v1:0' }),
    );
    expect(byId.modelDetails?.modelName).toBe('Nova Pro');
    const byArn = await client.send(
      new GetFoundationModelCommand({
        modelIdentifier: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
      }),
    );
    expect(byArn.modelDetails?.modelId).toBe('amazon.nova-pro-v1:0');
    const missing = await failure(
      client.send(new GetFoundationModelCommand({ modelIdentifier: 'acme.nothing-v1:0' })),
    );
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.$metadata).toMatchObject({ httpStatusCode: 404 });
    client.destroy();
  });
});

describe('inference profiles', () => {
  it('pages through profiles with the paginator and filters by type', async () => {
    const client = control();
    const pages: string[][] = [];
    for await (const page of paginateListInferenceProfiles(
      { client, pageSize: 7 },
      { typeEquals: 'SYSTEM_DEFINED' },
    )) {
      pages.push((page.inferenceProfileSummaries ?? []).map((profile) => profile.inferenceProfileId!));
    }
    const ids = pages.flat();
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('us.anthropic.claude-sonnet-4-20250514-v1:0');
    expect(ids).toContain('global.anthropic.claude-sonnet-4-20250514-v1:0');
    expect(ids.some((id) => id.startsWith('eu.'))).toBe(false); // not from us-east-1
    const apps = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    expect(apps.inferenceProfileSummaries?.map((profile) => profile.inferenceProfileName)).toEqual([
      'team-chat',
    ]);
    expect(apps.inferenceProfileSummaries?.[0]?.createdAt).toBeInstanceOf(Date);
    client.destroy();
  });

  it('lists eu. and apac. profiles in their regions', async () => {
    const ids = async (region: string) => {
      const out = [];
      for await (const page of paginateListInferenceProfiles({ client: control(region) }, {})) {
        out.push(...(page.inferenceProfileSummaries ?? []).map((profile) => profile.inferenceProfileId));
      }
      return out;
    };
    expect(await ids('eu-central-1')).toContain('eu.anthropic.claude-3-7-sonnet-20250219-v1:0');
    expect(await ids('ap-northeast-1')).toContain('apac.amazon.nova-pro-v1:0');
    expect(await ids('ap-northeast-1')).toContain('jp.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('gets a profile by id or ARN, with the models it routes to', async () => {
    const client = control();
    const profile = await client.send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'us.amazon.nova-premier-v1:0' }),
    );
    expect(profile).toMatchObject({
      type: 'SYSTEM_DEFINED',
      status: 'ACTIVE',
      inferenceProfileName: 'US Nova Premier',
    });
    expect(profile.models?.map((model) => model.modelArn)).toEqual([
      'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-premier-v1:0',
      'arn:aws:bedrock:us-east-2::foundation-model/amazon.nova-premier-v1:0',
      'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-premier-v1:0',
    ]);
    const byArn = await client.send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: profile.inferenceProfileArn! }),
    );
    expect(byArn.inferenceProfileId).toBe('us.amazon.nova-premier-v1:0');
    expect(
      (await failure(client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'us.nope' }))))
        .name,
    ).toBe('ResourceNotFoundException');
    client.destroy();
  });
});

describe('model identifiers on the runtime', () => {
  const ask = (modelId: string, region = 'us-east-1') =>
    runtime(region).send(new ConverseStreamCommand({ modelId, messages: userText('ping') }));

  it('rejects a bare id of a profile-only model with the on-demand message', async () => {
    const error = await failure(ask('anthropic.claude-sonnet-4-20250514-v1:0'));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe(
      'Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.',
    );
  });

  it('accepts system profile ids and ARNs, and application profile ARNs, in their regions', async () => {
    expect(
      streamedText(await collect((await ask('us.anthropic.claude-sonnet-4-20250514-v1:0')).stream)),
    ).toBe('ping');
    expect(
      streamedText(
        await collect((await ask('global.anthropic.claude-sonnet-4-20250514-v1:0', 'eu-west-1')).stream),
      ),
    ).toBe('ping');
    await ask(
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0',
    );
    await ask('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/team0chat0a1b');
    await ask(
      'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/eu0lite0c3d4',
      'eu-west-1',
    );
    const decoded = emulator.journal.entries().at(-1)?.modelId;
    expect(decoded).toBe('arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/eu0lite0c3d4');
  });

  it('answers "The provided model identifier is invalid." for unknown ids, wrong-geo profiles and absent regions', async () => {
    for (const [modelId, region] of [
      ['acme.unknown-v1:0', 'us-east-1'],
      ['eu.anthropic.claude-sonnet-4-20250514-v1:0', 'us-east-1'],
      ['ai21.jamba-1-5-large-v1:0', 'eu-west-1'],
      ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/team0chat0a1b', 'eu-west-1'],
    ] as const) {
      const error = await failure(ask(modelId, region));
      expect([modelId, error.name, error.message]).toEqual([
        modelId,
        'ValidationException',
        'The provided model identifier is invalid.',
      ]);
    }
  });

  it('rejects non-text models and streaming on a model without it', async () => {
    const embedding = await failure(
      runtime().send(
        new ConverseCommand({ modelId: 'amazon.titan-embed-text-v2:0', messages: userText('x') }),
      ),
    );
    expect(embedding.message).toMatch(/doesn't support the model that you provided/);
    const nonStreaming = await failure(ask('ai21.j2-ultra-v1'));
    expect(nonStreaming.message).toBe('The model is unsupported for streaming.');
    const viaConverse = await runtime().send(
      new ConverseCommand({ modelId: 'ai21.j2-ultra-v1', messages: userText('x') }),
    );
    expect(viaConverse.output?.message?.content?.[0]?.text).toBe('x');
  });
});

describe('a replaced catalog', () => {
  it('serves only the caller’s models', async () => {
    const base = defaultCatalog();
    const custom = await startEmulator({
      catalog: {
        models: [
          {
            ...base.models[0]!,
            modelId: 'acme.tiny-v1:0',
            modelName: 'Tiny',
            providerName: 'Acme',
            profiles: [],
          },
        ],
      },
    });
    const client = controlClient(custom, { maxAttempts: 1 });
    const { modelSummaries = [] } = await client.send(new ListFoundationModelsCommand({}));
    expect(modelSummaries.map((model) => model.modelId)).toEqual(['acme.tiny-v1:0']);
    const rt = runtimeClient(custom, { maxAttempts: 1 });
    const out = await rt.send(new ConverseCommand({ modelId: 'acme.tiny-v1:0', messages: userText('tiny') }));
    expect(out.output?.message?.content?.[0]?.text).toBe('tiny');
    client.destroy();
    rt.destroy();
    await custom.stop();
  });
});
