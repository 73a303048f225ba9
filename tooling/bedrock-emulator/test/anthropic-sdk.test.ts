// Anthropic's own Bedrock SDK (@anthropic-ai/bedrock-sdk, SigV4 over fetch) pointed at the emulator through
// env() alone: messages.create and messages.stream go through InvokeModel / InvokeModelWithResponseStream.
import AnthropicBedrock from '@anthropic-ai/bedrock-sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';

const MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0';
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ region: 'us-west-2' });
});
afterAll(() => emulator.stop());

function client() {
  const env = emulator.env();
  return new AnthropicBedrock({
    baseURL: env.ANTHROPIC_BEDROCK_BASE_URL!,
    awsRegion: env.AWS_DEFAULT_REGION!,
    awsAccessKey: env.AWS_ACCESS_KEY_ID!,
    awsSecretKey: env.AWS_SECRET_ACCESS_KEY!,
    apiKey: null,
    maxRetries: 0,
  });
}

it('answers messages.create with a Messages response (tools included)', async () => {
  const message = await client().messages.create({
    model: MODEL,
    max_tokens: 200,
    messages: [{ role: 'user', content: 'Find the weather in Oslo' }],
    tools: [{ name: 'weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
    tool_choice: { type: 'tool', name: 'weather' },
  });
  expect(message.stop_reason).toBe('tool_use');
  const tool = message.content.find((block) => block.type === 'tool_use');
  expect(tool).toMatchObject({ name: 'weather', input: { city: 'Find the weather in Oslo' } });
  const [entry] = emulator.journal.entries();
  expect(entry).toMatchObject({
    operation: 'InvokeModel',
    region: 'us-west-2',
    auth: { kind: 'sigv4', ok: true },
  });
});

it('streams with messages.stream and assembles the final message', async () => {
  const stream = client().messages.stream({
    model: MODEL,
    max_tokens: 200,
    messages: [{ role: 'user', content: 'stream these seven words to me please' }],
  });
  const deltas: string[] = [];
  stream.on('text', (text) => deltas.push(text));
  const final = await stream.finalMessage();
  expect(deltas.length).toBeGreaterThan(1);
  expect(deltas.join('')).toBe('stream these seven words to me please');
  expect(final.content).toEqual([{ type: 'text', text: 'stream these seven words to me please' }]);
  expect(final.usage.output_tokens).toBeGreaterThan(0);
  expect(emulator.journal.entries().at(-1)).toMatchObject({
    operation: 'InvokeModelWithResponseStream',
    status: 200,
  });
});

it('surfaces Bedrock errors as the SDK error classes', async () => {
  const error = await client()
    .messages.create({
      model: 'anthropic.unknown-v1:0',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    })
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AnthropicBedrock.BadRequestError);
  expect((error as { status: number }).status).toBe(400);
});
