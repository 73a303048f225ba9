// countTokens against the emulator: Bedrock CountTokens (under the base model id) where the model has it,
// a labelled estimate where it does not, and the tool definitions CountTokens' Converse shape skips estimated.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Outcrop } from '../src/outcrop.js';
import { bedrockModel, SONNET_4, useOutcropHarness, userSays } from './helpers.js';

const setup = useOutcropHarness();
const countTokens: Outcrop['countTokens'] = (model, context, options) =>
  setup.outcrop.countTokens(model, context, options);
beforeEach(() => setup.h.emulator.journal.clear());

const counts = () => setup.h.emulator.journal.entries().filter((e) => e.operation === 'CountTokens');

describe('countTokens', () => {
  it('takes a model ref, as createOutcrop resolves it (a bare profile-only id to its profile)', async () => {
    const result = await countTokens('anthropic.claude-sonnet-4-20250514-v1:0', userSays('Count me.'));
    expect(result.source).toBe('provider');
    expect(counts()).toHaveLength(1);
    expect(counts()[0]).toMatchObject({ modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', status: 200 });
  });

  it("asks Bedrock CountTokens under the profile's base model id", async () => {
    const context = { system: 'Be brief.', ...userSays('How many tokens is this sentence, roughly?') };
    const result = await countTokens(bedrockModel(SONNET_4), context);
    expect(result.source).toBe('provider');
    expect(result.estimatedTokens).toBeUndefined();
    expect(counts()).toHaveLength(1);
    expect(counts()[0]).toMatchObject({ modelId: 'anthropic.claude-sonnet-4-20250514-v1:0', status: 200 });
    expect(result.inputTokens).toBeGreaterThan(0);
    // Nothing was generated: no Converse call.
    expect(setup.h.requests()).toHaveLength(0);
  });

  it('adds an estimate for tool definitions, which the Converse shape of CountTokens ignores', async () => {
    const base = userSays('What is the weather?');
    const without = await countTokens(bedrockModel(SONNET_4), base);
    const tools = [
      {
        name: 'get_weather',
        description: 'Current weather for a city, in degrees Celsius.',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const withTools = await countTokens(bedrockModel(SONNET_4), { ...base, tools });
    expect(withTools.estimatedTokens).toBeGreaterThan(0);
    expect(withTools.inputTokens).toBe(without.inputTokens + withTools.estimatedTokens!);
  });

  it('estimates, labelled, for a model without CountTokens, sending nothing', async () => {
    const result = await countTokens(bedrockModel('us.amazon.nova-micro-v1:0'), userSays('a'.repeat(400)));
    expect(result).toEqual({ inputTokens: 100, source: 'estimate' });
    expect(setup.h.emulator.journal.entries()).toHaveLength(0);
  });
});
