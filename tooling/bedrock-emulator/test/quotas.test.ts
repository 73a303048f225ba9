// Quotas over the wire: tokens and requests per minute per credential, region and model, answered with
// Bedrock's ThrottlingException, with an injected clock; and two emulators side by side standing for two
// regions or accounts.
import { ConverseCommand, InvokeModelCommand, ThrottlingException } from '@aws-sdk/client-bedrock-runtime';
import { afterEach, expect, it } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../src/index.js';
import { failure, HAIKU, runtimeClient, userText } from './helpers.js';

const SONNET37 = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';
const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
});

async function start(options: EmulatorOptions) {
  const emulator = await startEmulator(options);
  running.push(emulator);
  return emulator;
}

const converse = (emulator: Emulator, modelId: string, maxTokens: number, text = 'twelve chars') =>
  runtimeClient(emulator, { maxAttempts: 1 }).send(
    new ConverseCommand({ modelId, messages: userText(text), inferenceConfig: { maxTokens } }),
  );

it('throttles on tokens per minute from the max_tokens reservation, until the minute has passed', async () => {
  let now = 0;
  const emulator = await start({ quotas: { tokensPerMinute: 1000 }, clock: () => now });
  await converse(emulator, HAIKU, 900); // reserves 3 + 900, settles to 3 + 3
  await converse(emulator, HAIKU, 900); // fits only because the first one settled
  const error = await failure(converse(emulator, HAIKU, 995));
  expect(error).toBeInstanceOf(ThrottlingException);
  expect(error.message).toBe('Too many tokens, please wait before trying again.');
  expect((error.$metadata as { httpStatusCode: number }).httpStatusCode).toBe(429);
  now += 60_000;
  await converse(emulator, HAIKU, 995);
});

it('burns Claude 3.7 output five times when settling', async () => {
  const text = 'x'.repeat(400); // 100 input tokens, echoed as 100 output tokens
  const limits = { quotas: { tokensPerMinute: 800 }, clock: () => 0, region: 'us-east-1' };
  const claude37 = await start(limits);
  await converse(claude37, SONNET37, 200, text); // settles to 100 + 5 × 100 = 600
  expect(await failure(converse(claude37, SONNET37, 200, text))).toBeInstanceOf(ThrottlingException);
  const haiku = await start(limits);
  await converse(haiku, HAIKU, 200, text); // settles to 100 + 100 = 200
  await converse(haiku, HAIKU, 200, text);
});

it('throttles on requests per minute with the requests wording, for InvokeModel too', async () => {
  const emulator = await start({ quotas: { models: { [HAIKU]: { requestsPerMinute: 2 } } }, clock: () => 0 });
  await converse(emulator, HAIKU, 10);
  await converse(emulator, HAIKU, 10);
  const error = await failure(converse(emulator, HAIKU, 10));
  expect(error.message).toBe('Too many requests, please wait before trying again.');
  const body = JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 10,
    messages: [{ role: 'user', content: 'hi' }],
  });
  const invoked = await failure(
    runtimeClient(emulator, { maxAttempts: 1 }).send(
      new InvokeModelCommand({ modelId: HAIKU, body, contentType: 'application/json' }),
    ),
  );
  expect(invoked).toBeInstanceOf(ThrottlingException);
  await converse(emulator, 'amazon.nova-lite-v1:0', 10); // another model has its own quota
  expect(emulator.journal.entries().map((entry) => entry.status)).toEqual([200, 200, 429, 429, 200]);
});

it('keeps quotas per credential: a second key is not throttled by the first', async () => {
  const second = { accessKeyId: 'AKIDSECOND', secretAccessKey: 'second-secret' };
  const emulator = await start({
    credentials: [{ accessKeyId: 'AKIDFIRST', secretAccessKey: 'first-secret' }, second],
    quotas: { requestsPerMinute: 1 },
    clock: () => 0,
  });
  await converse(emulator, HAIKU, 10);
  expect(await failure(converse(emulator, HAIKU, 10))).toBeInstanceOf(ThrottlingException);
  await runtimeClient(emulator, { maxAttempts: 1, credentials: second }).send(
    new ConverseCommand({ modelId: HAIKU, messages: userText('hi') }),
  );
});

it('runs two emulators side by side as two regions with their own keys and quotas', async () => {
  const east = await start({
    region: 'us-east-1',
    credentials: [{ accessKeyId: 'AKIDEAST', secretAccessKey: 'east-secret' }],
    quotas: { requestsPerMinute: 1 },
    clock: () => 0,
  });
  const west = await start({
    region: 'eu-west-1',
    credentials: [{ accessKeyId: 'AKIDWEST', secretAccessKey: 'west-secret' }],
  });
  expect(east.url).not.toBe(west.url);
  expect(east.env().AWS_DEFAULT_REGION).toBe('us-east-1');
  expect(west.env().AWS_DEFAULT_REGION).toBe('eu-west-1');
  await converse(east, HAIKU, 10);
  expect(await failure(converse(east, HAIKU, 10))).toBeInstanceOf(ThrottlingException);
  const out = await converse(west, HAIKU, 10, 'from the west');
  expect(out.output?.message?.content?.[0]?.text).toBe('from the west');
  // One account's keys mean nothing to the other.
  const crossed = runtimeClient(west, { maxAttempts: 1, credentials: east.credentials });
  const error = await failure(crossed.send(new ConverseCommand({ modelId: HAIKU, messages: userText('x') })));
  expect(error.name).toBe('UnrecognizedClientException');
  expect(west.journal.entries().map((entry) => entry.region)).toEqual(['eu-west-1', 'eu-west-1']);
  expect(east.journal.entries().every((entry) => entry.region === 'us-east-1')).toBe(true);
});
