// Application inference profile ARNs carry no model name: the provider reads the model behind one with
// GetInferenceProfile (once per ARN), so its reasoning dialect, caching and prices are those of that model.
import { defaultCatalog } from '@outcrop/bedrock-emulator';
import { lookupCapabilities } from '@outcrop/discovery';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bedrockModel, type Harness, startHarness, userSays } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

const catalog = defaultCatalog();
const arn = `arn:aws:bedrock:us-east-1:${catalog.accountId}:application-inference-profile/team0chat0a1b`;
const profileCalls = () => h.emulator.journal.entries().filter((e) => e.operation === 'GetInferenceProfile');

describe('application inference profile ARNs', () => {
  it('resolve to their model once, then price and reason as that model', async () => {
    expect(lookupCapabilities(arn)).toBeUndefined(); // nothing listed it in this process
    const first = await h.run(bedrockModel(arn), userSays('hello there'), { reasoning: 'low' });
    const finish = first.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop' });
    // Claude Sonnet 4's prices (the table), not 0 or "unknown model".
    expect(finish?.type === 'finish' && finish.cost?.total).toBeGreaterThan(0);
    const body = h.requests().at(-1)?.body as {
      additionalModelRequestFields?: { thinking?: { type?: string } };
    };
    expect(body.additionalModelRequestFields?.thinking?.type).toBe('enabled');
    expect(profileCalls()).toHaveLength(1);

    await h.run(bedrockModel(arn), userSays('again'));
    expect(profileCalls()).toHaveLength(1); // cached
    expect(lookupCapabilities(arn)?.reasoningDialect).toBe('anthropic-budget');
  });

  it('refuses a non-default project for an application profile before sending', async () => {
    const before = h.requests().length;
    const parts = await h.run(bedrockModel(arn), userSays('hi'), {
      providerOptions: { 'amazon-bedrock': { projectIdentifier: 'proj-analytics' } },
    });
    expect(parts.at(-1)).toMatchObject({
      type: 'error',
      error: { code: 'validation', rule: 'project_application_profile' },
    });
    expect(h.requests()).toHaveLength(before);
  });

  it('passes requestMetadata and a project through for a foundation model, and checks them', async () => {
    await h.run(bedrockModel('us.anthropic.claude-sonnet-4-20250514-v1:0'), userSays('hi'), {
      providerOptions: {
        'amazon-bedrock': {
          projectIdentifier: 'default',
          requestMetadata: { tenant: 'acme', 'cost-center': '42' },
        },
      },
    });
    expect(h.requests().at(-1)?.body).toMatchObject({
      projectIdentifier: 'default',
      requestMetadata: { tenant: 'acme', 'cost-center': '42' },
    });
    const before = h.requests().length;
    const bad = await h.run(bedrockModel('us.anthropic.claude-sonnet-4-20250514-v1:0'), userSays('hi'), {
      providerOptions: { 'amazon-bedrock': { requestMetadata: { 'bad key!': 'x' } } },
    });
    expect(bad.at(-1)).toMatchObject({ type: 'error', error: { code: 'invalid_options' } });
    expect(h.requests()).toHaveLength(before);
  });
});
