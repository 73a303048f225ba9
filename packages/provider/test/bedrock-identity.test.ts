// Application inference profile ARNs carry no model name: the provider reads the model behind one with
// GetInferenceProfile (once per ARN), so its reasoning dialect, caching and prices are those of that model.
import { defaultCatalog } from '@outcrop/bedrock-emulator';
import { lookupCapabilities } from '@outcrop/discovery';
import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../src/stream-parts.js';
import { bedrockModel, useOutcropHarness, userSays } from './helpers.js';

const setup = useOutcropHarness();

const catalog = defaultCatalog();
const arn = `arn:aws:bedrock:us-east-1:${catalog.accountId}:application-inference-profile/team0chat0a1b`;
const profileCalls = () =>
  setup.h.emulator.journal.entries().filter((e) => e.operation === 'GetInferenceProfile');
const routerCalls = () => setup.h.emulator.journal.entries().filter((e) => e.operation === 'GetPromptRouter');

describe('application inference profile ARNs', () => {
  it('resolve to their model once, then price and reason as that model', async () => {
    expect(lookupCapabilities(arn)).toBeUndefined(); // nothing listed it in this process
    const first = await setup.h.run(bedrockModel(arn), userSays('hello there'), { reasoning: 'low' });
    const finish = first.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop' });
    // Claude Sonnet 4's prices (the table), not 0 or "unknown model".
    expect(finish?.type === 'finish' && finish.cost?.total).toBeGreaterThan(0);
    const body = setup.h.requests().at(-1)?.body as {
      additionalModelRequestFields?: { thinking?: { type?: string } };
    };
    expect(body.additionalModelRequestFields?.thinking?.type).toBe('enabled');
    expect(profileCalls()).toHaveLength(1);

    await setup.h.run(bedrockModel(arn), userSays('again'));
    expect(profileCalls()).toHaveLength(1); // cached
    expect(lookupCapabilities(arn)?.reasoningDialect).toBe('anthropic-budget');
  });

  it('refuses a non-default project for an application profile before sending', async () => {
    const before = setup.h.requests().length;
    const parts = await setup.h.run(bedrockModel(arn), userSays('hi'), {
      providerOptions: { 'amazon-bedrock': { projectIdentifier: 'proj-analytics' } },
    });
    expect(parts.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'validation', rule: 'project_application_profile' },
    });
    expect(setup.h.requests()).toHaveLength(before);
  });

  it('passes requestMetadata and a project through for a foundation model, and checks them', async () => {
    await setup.h.run(bedrockModel('us.anthropic.claude-sonnet-4-20250514-v1:0'), userSays('hi'), {
      providerOptions: {
        'amazon-bedrock': {
          projectIdentifier: 'default',
          requestMetadata: { tenant: 'acme', 'cost-center': '42' },
        },
      },
    });
    expect(setup.h.requests().at(-1)?.body).toMatchObject({
      projectIdentifier: 'default',
      requestMetadata: { tenant: 'acme', 'cost-center': '42' },
    });
    const before = setup.h.requests().length;
    const bad = await setup.h.run(
      bedrockModel('us.anthropic.claude-sonnet-4-20250514-v1:0'),
      userSays('hi'),
      {
        providerOptions: { 'amazon-bedrock': { requestMetadata: { 'bad key!': 'x' } } },
      },
    );
    expect(bad.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid_options' } });
    expect(setup.h.requests()).toHaveLength(before);
  });
});

describe('prompt-router ARNs, through createOutcrop()', () => {
  const router = `arn:aws:bedrock:us-east-1:${catalog.accountId}:default-prompt-router/anthropic.claude:1`;
  const profileArn = (id: string) => `arn:aws:bedrock:us-east-1:${catalog.accountId}:inference-profile/${id}`;
  const haiku = profileArn('us.anthropic.claude-3-haiku-20240307-v1:0');
  const sonnet = profileArn('us.anthropic.claude-3-5-sonnet-20240620-v1:0');
  const finishOf = async (text: string) => {
    const parts: StreamPart[] = [];
    for await (const part of setup.outcrop.stream(router, userSays(text))) parts.push(part);
    const finish = parts.at(-1);
    if (finish?.type !== 'finish') throw new Error(`no finish: ${JSON.stringify(finish)}`);
    return finish;
  };
  const priced = (usage: { inputTokens: number; outputTokens: number }, model: string) => {
    const prices = lookupCapabilities(model)!.cost!;
    return (usage.inputTokens * prices.input + usage.outputTokens * prices.output) / 1e6;
  };

  it('read the router once, shape the request as its fallback model, and price the model it chose', async () => {
    expect(lookupCapabilities(router)).toBeUndefined();
    const short = await finishOf('hi');
    expect(routerCalls()).toHaveLength(1);
    // Until an answer names a model, the router's ARN is known as its fallback model (Claude 3.5 Sonnet).
    expect(lookupCapabilities(router)?.cost).toEqual(lookupCapabilities(sonnet)?.cost);
    expect(setup.h.requests().at(-1)?.modelId).toBe(router);
    expect(short.providerMetadata?.bedrock).toMatchObject({
      trace: { promptRouter: { invokedModelId: haiku } },
    });
    // Priced as Claude 3 Haiku, the model that answered, not as the fallback.
    expect(short.usage.inputTokens).toBeGreaterThan(0);
    expect(short.cost?.total).toBeCloseTo(priced(short.usage, haiku), 12);
    expect(short.cost?.total).toBeLessThan(priced(short.usage, sonnet));

    const long = await finishOf('Tell me about this outcrop, layer by layer. '.repeat(8));
    expect(routerCalls()).toHaveLength(1); // cached
    expect(long.providerMetadata?.bedrock).toMatchObject({
      trace: { promptRouter: { invokedModelId: sonnet } },
    });
    expect(long.cost?.total).toBeCloseTo(priced(long.usage, sonnet), 12);
  });
});
