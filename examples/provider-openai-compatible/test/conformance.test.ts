// The example provider passes the @outcrop/provider conformance kit against a local server.
import type { ModelSpec } from '@outcrop/provider';
import { providerConformanceCases } from '@outcrop/provider/conformance';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createOpenAICompatibleProvider, OPENAI_CHAT_COMPLETIONS_API } from '../src/index.js';
import { type ChatServer, startChatServer } from './chat-server.js';

let server: ChatServer;
beforeAll(async () => {
  server = await startChatServer();
});
afterAll(() => server.close());

const model = (id: string): ModelSpec => ({
  provider: 'local-llm',
  api: OPENAI_CHAT_COMPLETIONS_API,
  id,
  get baseUrl() {
    return server.baseUrl;
  },
});

describe('conformance', () => {
  const cases = providerConformanceCases({
    provider: createOpenAICompatibleProvider(),
    model: model('echo-model'),
    textPrompt: 'A sentence of several words for the stream.',
    toolCall: {
      prompt: 'Oslo',
      tool: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
    },
    failure: { model: model('missing-model') },
  });
  for (const c of cases) it(c.name, c.run);
});
