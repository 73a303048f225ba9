// Pre-flight capability checks against the emulator: each broken rule is a located validation error and the
// journal proves nothing was sent; `preflight: false` sends anyway. Also the quota-friendly default maxTokens.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBedrockProvider } from '../src/bedrock/index.js';
import { collectParts } from '../src/conformance/suite.js';
import type { CallOptions, Context, ModelSpec } from '../src/spec.js';
import type { StreamPart } from '../src/stream-parts.js';
import { bedrockModel, type Harness, SONNET_4, startHarness, userSays } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());
beforeEach(() => h.emulator.journal.clear());

const sonnet = bedrockModel(SONNET_4);
const llama3 = bedrockModel('meta.llama3-8b-instruct-v1:0'); // no tool use, 8k context, 2048 output
const titan = bedrockModel('amazon.titan-text-express-v1'); // no system prompt
const novaMicro = bedrockModel('us.amazon.nova-micro-v1:0'); // text only
const tools: Context['tools'] = [
  { name: 'get_time', description: 'time', parameters: { type: 'object', properties: {} } },
];
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function errorOf(parts: StreamPart[]) {
  const last = parts.at(-1);
  if (last?.type !== 'error') throw new Error(`expected an error part, got ${last?.type}`);
  return last.error;
}

async function refused(model: ModelSpec, context: Context, options: CallOptions = {}) {
  const error = errorOf(await h.run(model, context, options));
  expect(h.requests()).toHaveLength(0); // zero upstream calls
  expect(error.code).toBe('validation');
  expect(error.message).toContain('nothing was sent to Bedrock');
  return error;
}

describe('pre-flight checks', () => {
  it('refuses tools for a model without tool use', async () => {
    const error = await refused(llama3, { ...userSays('What time is it?'), tools });
    expect(error).toMatchObject({ rule: 'tool_use_unsupported', location: 'context.tools' });
  });

  it('refuses a forced tool choice for a model that takes only auto', async () => {
    const llama31 = bedrockModel('meta.llama3-1-8b-instruct-v1:0');
    const error = await refused(
      llama31,
      { ...userSays('What time is it?'), tools },
      { toolChoice: 'required' },
    );
    expect(error).toMatchObject({ rule: 'tool_choice_unsupported', location: 'options.toolChoice' });
  });

  it('refuses a system prompt for a model without one', async () => {
    const error = await refused(titan, { system: 'Be terse.', ...userSays('hi') });
    expect(error).toMatchObject({ rule: 'system_prompt_unsupported', location: 'context.system' });
  });

  it('refuses an image for a text-only model, at the block', async () => {
    const context: Context = {
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: [{ type: 'text', text: 'ok' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image', data: png, mediaType: 'image/png' },
          ],
        },
      ],
    };
    const error = await refused(novaMicro, context);
    expect(error).toMatchObject({
      rule: 'input_modality_unsupported',
      location: 'context.messages[2].content[1]',
    });
  });

  it('refuses thinking fields on a model without reasoning, and the wrong dialect', async () => {
    const thinking = (type: string) => ({
      providerOptions: {
        'amazon-bedrock': { additionalModelRequestFields: { thinking: { type, budget_tokens: 2048 } } },
      },
    });
    const none = await refused(novaMicro, userSays('hi'), thinking('enabled'));
    expect(none).toMatchObject({
      rule: 'thinking_unsupported',
      location: 'additionalModelRequestFields.thinking',
    });
    const dialect = await refused(sonnet, userSays('hi'), thinking('adaptive'));
    expect(dialect).toMatchObject({ rule: 'thinking_dialect' });
    const effort = await refused(sonnet, userSays('hi'), {
      providerOptions: { 'amazon-bedrock': { additionalModelRequestFields: { reasoning_effort: 'high' } } },
    });
    expect(effort).toMatchObject({
      rule: 'thinking_dialect',
      location: 'additionalModelRequestFields.reasoning_effort',
    });
  });

  it('refuses an input over the context window (estimated)', async () => {
    const error = await refused(llama3, userSays('word '.repeat(8000)));
    expect(error).toMatchObject({ rule: 'context_window_exceeded', location: 'context.messages' });
    expect(error.message).toMatch(/about \d+ tokens \(estimated/);
  });

  it('refuses maxTokens over the model maximum', async () => {
    const error = await refused(llama3, userSays('hi'), { maxTokens: 4096 });
    expect(error).toMatchObject({ rule: 'max_tokens_exceeded', location: 'options.maxTokens' });
  });

  it('refuses a service tier the model does not have', async () => {
    const error = await refused(bedrockModel('openai.gpt-oss-120b-1:0'), userSays('hi'), {
      serviceTier: 'flex',
    });
    expect(error).toMatchObject({ rule: 'service_tier_unsupported', location: 'options.serviceTier' });
  });

  it('sends anyway with preflight: false', async () => {
    const parts = await h.run(
      llama3,
      { ...userSays('What time is it?'), tools },
      { providerOptions: { 'amazon-bedrock': { preflight: false } } },
    );
    expect(h.requests()).toHaveLength(1);
    expect(h.requests()[0]?.body).toMatchObject({
      toolConfig: { tools: [{ toolSpec: { name: 'get_time' } }] },
    });
    expect(['finish', 'error']).toContain(parts.at(-1)?.type);
  });
});

describe('quota-friendly maxTokens', () => {
  it('sends 4096 by default instead of the model maximum, capped by a smaller maximum', async () => {
    await h.run(sonnet, userSays('hi'));
    await h.run(llama3, userSays('hi'));
    const sent = h
      .requests()
      .map((r) => (r.body as { inferenceConfig?: { maxTokens?: number } }).inferenceConfig?.maxTokens);
    expect(sent).toEqual([4096, 2048]);
  });

  it('takes the default from the provider config, and the call option over both', async () => {
    const provider = createBedrockProvider({
      env: h.emulator.env(),
      homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-preflight-')),
      transport: { maxAttempts: 1 },
      defaultMaxTokens: 1000,
    });
    await collectParts(provider.stream(sonnet, userSays('hi')));
    await collectParts(provider.stream(sonnet, userSays('hi'), { maxTokens: 300 }));
    const sent = h
      .requests()
      .map((r) => (r.body as { inferenceConfig?: { maxTokens?: number } }).inferenceConfig?.maxTokens);
    expect(sent).toEqual([1000, 300]);
  });
});
