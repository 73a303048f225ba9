// Constraints of botocore's API model (data/service-model.json), answered in Coral's wording, as the real
// AWS SDK surfaces them (ValidationException, 400).
import { ConverseCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { failure, HAIKU, rewriteBody, runtimeClient, userText } from './helpers.js';

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

type Input = Omit<ConverseCommandInput, 'modelId'>;
async function rejected(input: Input, mutate?: (body: Record<string, unknown>) => void): Promise<string> {
  const sender = mutate ? runtimeClient(emulator, { maxAttempts: 1 }) : client;
  if (mutate) rewriteBody(sender, mutate);
  const error = await failure(
    sender.send(new ConverseCommand({ modelId: HAIKU, ...input } as ConverseCommandInput)),
  );
  if (mutate) sender.destroy();
  expect(error.name).toBe('ValidationException');
  expect(error.$metadata).toMatchObject({ httpStatusCode: 400 });
  return error.message;
}

describe('one violation', () => {
  it('a string below its minimum length', async () => {
    expect(await rejected({ messages: userText('x'), system: [{ text: '' }] })).toBe(
      "1 validation error detected: Value '' at 'system.1.member.text' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
  it('a required member left out is reported as null', async () => {
    expect(
      await rejected(
        { messages: userText('x') },
        (body) => delete (body.messages as { role?: string }[])[0]!.role,
      ),
    ).toBe(
      "1 validation error detected: Value null at 'messages.1.member.role' failed to satisfy constraint: Member must not be null",
    );
  });
  it('a system turn in messages, which the enum lists but Converse refuses', async () => {
    expect(await rejected({ messages: [{ role: 'system' as 'user', content: [{ text: 'x' }] }] })).toBe(
      "1 validation error detected: Value 'system' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]",
    );
  });
  it('an enum value outside the set', async () => {
    expect(
      await rejected({ messages: userText('x'), performanceConfig: { latency: 'turbo' as 'standard' } }),
    ).toBe(
      "1 validation error detected: Value 'turbo' at 'performanceConfig.latency' failed to satisfy constraint: Member must satisfy enum value set: [standard, optimized]",
    );
  });
  it('a pattern', async () => {
    expect(
      await rejected({
        messages: [
          { role: 'user', content: [{ text: 'x' }] },
          { role: 'assistant', content: [{ toolUse: { toolUseId: 'bad id!', name: 'lookup', input: {} } }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 'bad id!', content: [{ text: 'r' }] } }] },
        ],
        toolConfig: { tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: {} } } }] },
      }),
    ).toBe(
      "2 validation errors detected: Value 'bad id!' at 'messages.2.member.content.1.member.toolUse.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+; Value 'bad id!' at 'messages.3.member.content.1.member.toolResult.toolUseId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+",
    );
  });
  it('a list over its maximum length', async () => {
    const paths = Array.from({ length: 11 }, (_, i) => `/p${i}`);
    expect(await rejected({ messages: userText('x'), additionalModelResponseFieldPaths: paths })).toBe(
      `1 validation error detected: Value '[${paths.join(', ')}]' at 'additionalModelResponseFieldPaths' failed to satisfy constraint: Member must have length less than or equal to 10`,
    );
  });
  it('a sensitive map is reported without its value, with its key constraints', async () => {
    expect(await rejected({ messages: userText('x'), requestMetadata: { 'bad key!': 'v' } })).toBe(
      "1 validation error detected: Value at 'requestMetadata' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z0-9\\s:_@$#=/+,-.]{1,256}]",
    );
  });
});

describe('several violations', () => {
  it('are counted and joined with "; " in member order', async () => {
    expect(
      await rejected({
        messages: userText('x'),
        inferenceConfig: { maxTokens: 0, temperature: 1.5, topP: -1 },
      }),
    ).toBe(
      "3 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1; Value '-1' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
  });
});

describe('bodies the model cannot deserialize', () => {
  it('a union with two members set', async () => {
    expect(
      await rejected({ messages: userText('x') }, (body) => {
        (body.messages as { content: Record<string, unknown>[] }[])[0]!.content[0]!.cachePoint = {
          type: 'default',
        };
      }),
    ).toBe(
      'Malformed input request: messages.1.member.content.1.member must have exactly one member set (2 set), please reformat your input and try again.',
    );
  });
  it('a member of the wrong JSON type', async () => {
    expect(await rejected({ messages: userText('x') }, (body) => (body.system = 'be terse'))).toBe(
      'Malformed input request: system must be a list, please reformat your input and try again.',
    );
  });
  it('an invalid service tier, in Bedrock’s own words', async () => {
    expect(await rejected({ messages: userText('x'), serviceTier: { type: 'cheapest' as 'flex' } })).toBe(
      'service tier provided is invalid',
    );
  });
});
