// Request validation Bedrock performs, with its wording, as the SDK surfaces it (ValidationException, 400).
import { ConverseStreamCommand, type ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { collect, failure, HAIKU, runtimeClient, SONNET4_US } from './helpers.js';

let emulator: Emulator;
let client: ReturnType<typeof runtimeClient>;
beforeAll(async () => {
  emulator = await startEmulator();
  client = runtimeClient(emulator, { maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await emulator.stop();
});

type Input = Omit<ConverseStreamCommandInput, 'modelId'> & { modelId?: string };
const send = (input: Input) =>
  client.send(new ConverseStreamCommand({ modelId: HAIKU, ...input } as ConverseStreamCommandInput));
async function rejected(input: Input): Promise<string> {
  const error = await failure(send(input));
  expect(error.name).toBe('ValidationException');
  expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
  return error.message;
}

const tools = { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }] };
const toolTurn = (id: string) => ({
  role: 'assistant' as const,
  content: [{ toolUse: { toolUseId: id, name: 'lookup', input: {} } }],
});
const resultTurn = (...ids: string[]) => ({
  role: 'user' as const,
  content: ids.map((toolUseId) => ({ toolResult: { toolUseId, content: [{ text: 'r' }] } })),
});
const user = (text: string) => ({ role: 'user' as const, content: [{ text }] });

describe('messages', () => {
  it('blank text block', async () => {
    expect(await rejected({ messages: [user('  \n ')] })).toBe(
      'The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again.',
    );
  });
  it('blank system text', async () => {
    expect(await rejected({ messages: [user('x')], system: [{ text: ' \n' }] })).toMatch(
      /SystemContentBlock object at system.0 is blank/,
    );
  });
  it('empty content', async () => {
    expect(await rejected({ messages: [user('x'), { role: 'assistant', content: [] }, user('y')] })).toBe(
      'The content field in the Message object at messages.1 is empty. Add a ContentBlock object to the content field and try again.',
    );
  });
  it('first message not from the user', async () => {
    expect(await rejected({ messages: [{ role: 'assistant', content: [{ text: 'hi' }] }, user('x')] })).toBe(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  });
  it('roles that do not alternate', async () => {
    expect(await rejected({ messages: [user('a'), user('b')] })).toMatch(
      /must alternate between user and assistant roles/,
    );
  });
  it('unsupported image format', async () => {
    const image = { image: { format: 'bmp' as 'png', source: { bytes: new Uint8Array([1, 2]) } } };
    expect(await rejected({ messages: [{ role: 'user', content: [{ text: 'see' }, image] }] })).toBe(
      "1 validation error detected: Value 'bmp' at 'messages.1.member.content.2.member.image.format' failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]",
    );
  });
});

describe('documents', () => {
  const doc = (name: string) => ({
    role: 'user' as const,
    content: [
      { text: 'read' },
      { document: { format: 'txt' as const, name, source: { bytes: new Uint8Array([104, 105]) } } },
    ],
  });
  it.each(['report.txt', 'two  spaces', 'résumé'])('rejects the document name %j', async (name) => {
    expect(await rejected({ messages: [doc(name)] })).toMatch(
      /^The document file name can only contain alphanumeric characters/,
    );
  });
  it('accepts letters, digits, single spaces, hyphens, parentheses, brackets and underscores', async () => {
    await collect((await send({ messages: [doc('Q3 report-(final) [v2]')] })).stream);
    // Underscores are outside the documented set but Bedrock takes them (vercel/ai #20366).
    await collect((await send({ messages: [doc('under_score')] })).stream);
  });
});

describe('tools', () => {
  it('toolUse / toolResult without toolConfig', async () => {
    expect(await rejected({ messages: [user('x'), toolTurn('t1'), resultTurn('t1')] })).toBe(
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    );
  });
  it('more toolResults than the previous turn had toolUses', async () => {
    expect(
      await rejected({ messages: [user('x'), toolTurn('t1'), resultTurn('t1', 't2')], toolConfig: tools }),
    ).toBe(
      'The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.',
    );
  });
  it('a toolResult id that does not answer the previous toolUse', async () => {
    expect(
      await rejected({ messages: [user('x'), toolTurn('t1'), resultTurn('zz')], toolConfig: tools }),
    ).toMatch(/messages\.2\.content\.0: unexpected `tool_use_id` found in `tool_result` blocks: zz/);
  });
  it('a toolUse left without its result', async () => {
    expect(await rejected({ messages: [user('x'), toolTurn('t1'), user('and?')], toolConfig: tools })).toBe(
      'Expected toolResult blocks at messages.2.content for the following Ids: t1',
    );
  });
  it('accepts a well-formed tool round trip', async () => {
    const out = await send({ messages: [user('x'), toolTurn('t1'), resultTurn('t1')], toolConfig: tools });
    expect((await collect(out.stream)).length).toBeGreaterThan(3);
  });
  it.each([
    ['has space', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+'],
    ['x'.repeat(65), 'Member must have length less than or equal to 64'],
    ['dot.name', 'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+'],
  ])('tool name %s', async (name, rule) => {
    const config = { tools: [tools.tools[0]!, { toolSpec: { name, inputSchema: { json: {} } } }] };
    expect(await rejected({ messages: [user('x')], toolConfig: config })).toBe(
      `1 validation error detected: Value '${name}' at 'toolConfig.tools.2.member.toolSpec.name' failed to satisfy constraint: ${rule}`,
    );
  });
  it('accepts a 64-character tool name', async () => {
    const config = { tools: [{ toolSpec: { name: 'a'.repeat(64), inputSchema: { json: {} } } }] };
    await collect((await send({ messages: [user('x')], toolConfig: config })).stream);
  });
  it('tools offered to a model without tool use', async () => {
    expect(
      await rejected({
        modelId: 'mistral.mistral-7b-instruct-v0:2',
        messages: [user('x')],
        toolConfig: tools,
      }),
    ).toBe("This model doesn't support tool use.");
  });
});

describe('cache points and inference config', () => {
  it('more than four cachePoints', async () => {
    const point = { cachePoint: { type: 'default' as const } };
    const input: Input = {
      system: [{ text: 's' }, point],
      messages: [
        {
          role: 'user',
          content: [{ text: 'a' }, point, { text: 'b' }, point, { text: 'c' }, point, { text: 'd' }, point],
        },
      ],
    };
    expect(await rejected(input)).toBe(
      'The model returned the following errors: A maximum of 4 blocks with cache_control may be provided. Found 5.',
    );
  });
  it('maxTokens above the model limit', async () => {
    expect(await rejected({ messages: [user('x')], inferenceConfig: { maxTokens: 5000 } })).toBe(
      'The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value that is lower than 4096.',
    );
  });
  it.each([
    ['temperature', 1.5, 'less than or equal to 1'],
    ['temperature', -0.1, 'greater than or equal to 0'],
    ['topP', 2, 'less than or equal to 1'],
  ] as const)('%s = %d', async (key, value, rule) => {
    expect(await rejected({ messages: [user('x')], inferenceConfig: { [key]: value } })).toBe(
      `1 validation error detected: Value '${value}' at 'inferenceConfig.${key}' failed to satisfy constraint: Member must have value ${rule}`,
    );
  });
  it('thinking budget not below maxTokens, and below the minimum', async () => {
    const thinking = (budget: number) => ({ thinking: { type: 'enabled', budget_tokens: budget } });
    expect(
      await rejected({
        modelId: SONNET4_US,
        messages: [user('x')],
        inferenceConfig: { maxTokens: 2000 },
        additionalModelRequestFields: thinking(2000),
      }),
    ).toMatch(/`max_tokens` must be greater than `thinking.budget_tokens`/);
    expect(
      await rejected({
        modelId: SONNET4_US,
        messages: [user('x')],
        inferenceConfig: { maxTokens: 2000 },
        additionalModelRequestFields: thinking(100),
      }),
    ).toMatch(/budget_tokens: Input should be greater than or equal to 1024/);
  });
  it('temperature other than 1 with thinking on an Anthropic model', async () => {
    expect(
      await rejected({
        modelId: SONNET4_US,
        messages: [user('x')],
        inferenceConfig: { maxTokens: 4000, temperature: 0.2 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      }),
    ).toBe(
      'The model returned the following errors: `temperature` may only be set to 1 when thinking is enabled.',
    );
  });
  it('thinking with a forced tool choice on an Anthropic model', async () => {
    expect(
      await rejected({
        modelId: SONNET4_US,
        messages: [user('x')],
        inferenceConfig: { maxTokens: 4000 },
        toolConfig: { ...tools, toolChoice: { any: {} } },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      }),
    ).toBe(
      'The model returned the following errors: Thinking may not be enabled when tool_choice forces tool use.',
    );
  });
  it('journals rejected requests with their error type', async () => {
    await failure(send({ messages: [user('')] }));
    expect(emulator.journal.entries().at(-1)).toMatchObject({
      status: 400,
      errorType: 'ValidationException',
      eventsSent: 0,
    });
  });
});

describe('malformed bodies from raw clients', () => {
  const post = async (body: unknown) => {
    const response = await fetch(`${emulator.url}/model/${encodeURIComponent(HAIKU)}/converse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${emulator.bearerToken}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      type: response.headers.get('x-amzn-errortype'),
      body: (await response.json()) as { message: string },
    };
  };
  it.each([
    ['not JSON', '{oops'],
    ['an array', '[]'],
    ['no messages', {}],
    ['content not a list', { messages: [{ role: 'user', content: 'hi' }] }],
    ['a null block', { messages: [{ role: 'user', content: [null] }] }],
    ['system not a list', { messages: [{ role: 'user', content: [{ text: 'x' }] }], system: 'be nice' }],
    ['toolConfig without tools', { messages: [{ role: 'user', content: [{ text: 'x' }] }], toolConfig: {} }],
    [
      'toolResult content not a list',
      {
        messages: [
          { role: 'user', content: [{ text: 'x' }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'n', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 't', content: 'r' } }] },
        ],
        toolConfig: { tools: [{ toolSpec: { name: 'n', inputSchema: { json: {} } } }] },
      },
    ],
  ])('%s gets a 400 ValidationException, never a crash', async (_what, body) => {
    const out = await post(body);
    expect(out.status).toBe(400);
    expect(out.type).toMatch(/^ValidationException:/);
    expect(out.body.message.length).toBeGreaterThan(10);
  });
});
