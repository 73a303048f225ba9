// CountTokens with both input shapes through the official SDK: the Converse shape ignores tools, the
// InvokeModel shape counts them, and the count agrees with the usage inference reports.
import {
  ConverseCommand,
  CountTokensCommand,
  InvokeModelCommand,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { failure, runtimeClient, userText } from './helpers.js';

const SONNET35 = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

const client = () => runtimeClient(emulator, { maxAttempts: 1 });
const tools = [
  {
    toolSpec: {
      name: 'get_weather',
      description: 'Weather for a city',
      inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
    },
  },
];
const prompt = 'How warm is it in Lisbon this afternoon?';

it('counts a Converse input as Converse usage reports it, ignoring tools', async () => {
  const plain = await client().send(
    new CountTokensCommand({ modelId: SONNET35, input: { converse: { messages: userText(prompt) } } }),
  );
  const withTools = await client().send(
    new CountTokensCommand({
      modelId: SONNET35,
      input: { converse: { messages: userText(prompt), toolConfig: { tools } } },
    }),
  );
  const converse = await client().send(
    new ConverseCommand({ modelId: SONNET35, messages: userText(prompt) }),
  );
  expect(plain.inputTokens).toBe(converse.usage?.inputTokens);
  expect(withTools.inputTokens).toBe(plain.inputTokens);
  expect(emulator.journal.entries()[0]).toMatchObject({ operation: 'CountTokens', status: 200 });
});

it('counts an InvokeModel body, tools included, as InvokeModel reports it', async () => {
  const body = (withTools: boolean) => ({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 100,
    messages: [{ role: 'user', content: prompt }],
    ...(withTools
      ? {
          tools: [
            {
              name: 'get_weather',
              input_schema: { type: 'object', properties: { city: { type: 'string' } } },
            },
          ],
        }
      : {}),
  });
  const count = async (withTools: boolean) =>
    (
      await client().send(
        new CountTokensCommand({
          modelId: SONNET35,
          input: { invokeModel: { body: new TextEncoder().encode(JSON.stringify(body(withTools))) } },
        }),
      )
    ).inputTokens!;
  const invoked = await client().send(
    new InvokeModelCommand({
      modelId: SONNET35,
      body: JSON.stringify(body(false)),
      contentType: 'application/json',
    }),
  );
  const usage = JSON.parse(new TextDecoder().decode(invoked.body)).usage;
  expect(await count(false)).toBe(usage.input_tokens);
  expect(await count(true)).toBeGreaterThan(await count(false));
});

it('refuses models without token counting, profile ids, and malformed bodies', async () => {
  const converse = { converse: { messages: userText('hi') } };
  const nova = await failure(
    client().send(new CountTokensCommand({ modelId: 'amazon.nova-lite-v1:0', input: converse })),
  );
  expect(nova).toBeInstanceOf(ValidationException);
  expect(nova.message).toBe("The provided model doesn't support counting tokens.");
  const profile = await failure(
    client().send(new CountTokensCommand({ modelId: `us.${SONNET35}`, input: converse })),
  );
  expect(profile.message).toBe("The provided model doesn't support counting tokens.");
  const unknown = await failure(
    client().send(new CountTokensCommand({ modelId: 'anthropic.nope-v1:0', input: converse })),
  );
  expect(unknown.message).toBe('The provided model identifier is invalid.');
  const malformed = await failure(
    client().send(
      new CountTokensCommand({
        modelId: SONNET35,
        input: {
          invokeModel: { body: new TextEncoder().encode(JSON.stringify({ max_tokens: 5, messages: [] })) },
        },
      }),
    ),
  );
  expect(malformed.message).toBe(
    'Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.',
  );
});
