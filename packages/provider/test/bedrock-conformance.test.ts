// The built-in amazon-bedrock provider passes the same conformance kit third parties run.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { providerConformanceCases } from '../src/conformance/suite.js';
import type { ProviderV1 } from '../src/spec.js';
import { bedrockModel, type Harness, SONNET_4, startHarness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

// The harness is created in beforeAll; the cases read it lazily.
const provider: ProviderV1 = {
  specificationVersion: 'v1',
  api: 'bedrock-converse-stream',
  stream: (model, context, options) => h.provider.stream(model, context, options),
};

describe('amazon-bedrock conformance', () => {
  const cases = providerConformanceCases({
    provider,
    model: bedrockModel(SONNET_4),
    textPrompt: 'A sentence of several words for the stream.',
    toolCall: {
      prompt: 'Oslo',
      tool: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    },
    failure: { model: bedrockModel('anthropic.claude-does-not-exist-v1:0') },
  });
  for (const c of cases) it(c.name, c.run);
});
