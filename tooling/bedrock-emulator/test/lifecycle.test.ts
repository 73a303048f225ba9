// Starting, pointing SDKs at it through env() alone, and stopping with work in flight.
import { BedrockClient, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { afterEach, expect, it } from 'vitest';
import { EmulatorOptionsError, startEmulator } from '../src/index.js';
import { collect, failure, HAIKU, runtimeClient, userText } from './helpers.js';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

it('env() alone points both SDK clients at it', async () => {
  const emulator = await startEmulator({ region: 'eu-central-1' });
  Object.assign(process.env, emulator.env());
  const runtime = new BedrockRuntimeClient({ maxAttempts: 1 });
  const out = await runtime.send(
    new ConverseCommand({ modelId: 'eu.amazon.nova-pro-v1:0', messages: userText('via env') }),
  );
  expect(out.output?.message?.content?.[0]?.text).toBe('via env');
  const control = new BedrockClient({ maxAttempts: 1 });
  const profiles = await control.send(new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }));
  expect(
    profiles.inferenceProfileSummaries?.some((profile) => profile.inferenceProfileId?.startsWith('eu.')),
  ).toBe(true);
  expect(emulator.journal.entries().map((entry) => [entry.operation, entry.region, entry.auth.ok])).toEqual([
    ['Converse', 'eu-central-1', true],
    ['ListInferenceProfiles', 'eu-central-1', true],
  ]);
  runtime.destroy();
  control.destroy();
  await emulator.stop();
});

it('exposes a session token of the first credential in credentials and env()', async () => {
  const emulator = await startEmulator({
    credentials: [{ accessKeyId: 'ASIAFIRST', secretAccessKey: 's', sessionToken: 'tok' }],
  });
  expect(emulator.credentials).toEqual({
    accessKeyId: 'ASIAFIRST',
    secretAccessKey: 's',
    sessionToken: 'tok',
  });
  expect(emulator.env().AWS_SESSION_TOKEN).toBe('tok');
  const client = runtimeClient(emulator, { maxAttempts: 1 });
  await client.send(new ConverseCommand({ modelId: HAIKU, messages: userText('x') }));
  client.destroy();
  await emulator.stop();
});

it('stops promptly with a stalled stream and a delayed first byte in flight; stop is idempotent', async () => {
  const emulator = await startEmulator();
  const client = runtimeClient(emulator, { maxAttempts: 1 });
  emulator.scenarios.push({ stallAfterEvents: 1 });
  const stalled = await client.send(new ConverseStreamCommand({ modelId: HAIKU, messages: userText('a') }));
  const reading = collect(stalled.stream).catch((error: Error) => error);
  emulator.scenarios.push({ firstByteDelayMs: 600_000 });
  const delayed = client
    .send(new ConverseStreamCommand({ modelId: HAIKU, messages: userText('b') }))
    .catch((error: Error) => error);
  await emulator.journal.waitFor(
    (entry) => entry.scenario === 'custom' && entry.eventsSent === 0 && !entry.done,
  );
  await Promise.all([emulator.stop(), emulator.stop()]);
  await reading;
  expect(await delayed).toBeInstanceOf(Error);
  expect(emulator.journal.entries().every((entry) => entry.done)).toBe(true);
  client.destroy();
});

it('refuses a non-loopback host unless allowed', async () => {
  const error = await failure(startEmulator({ host: '0.0.0.0' }));
  expect(error).toBeInstanceOf(EmulatorOptionsError);
  expect(error.message).toMatch(/not a loopback address/);
});

it('echoes performanceConfig and serviceTier in metadata, as Bedrock reports them', async () => {
  const emulator = await startEmulator();
  const client = runtimeClient(emulator, { maxAttempts: 1 });
  const out = await client.send(
    new ConverseStreamCommand({
      // Claude 3.5 Haiku has a latency-optimized version (latency-optimized-inference.html).
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: userText('x'),
      performanceConfig: { latency: 'optimized' },
      serviceTier: { type: 'priority' },
    }),
  );
  const metadata = (await collect(out.stream)).at(-1)?.metadata;
  expect(metadata?.performanceConfig).toEqual({ latency: 'optimized' });
  expect(metadata?.serviceTier).toEqual({ type: 'priority' });
  client.destroy();
  await emulator.stop();
});

it.each([
  [{ port: -1 }, /options\.port/],
  [{ region: 'Mars 1' }, /options\.region: a region such as us-east-1/],
  [
    { credentials: [{ accessKeyId: 'AKID', secretAccessKey: '' }] },
    /options\.credentials\.0\.secretAccessKey/,
  ],
  [
    { credentials: [{ accessKeyId: 'A', secretAccessKey: 's', deniedActions: ['InvokeModel'] }] },
    /deniedActions\.0/,
  ],
  [{ eventDelayMs: -5 }, /options\.eventDelayMs/],
  [{ catalog: { models: [{ modelId: 'acme.x-v1:0' }] } }, /options\.catalog\.models\.0\.modelName/],
  [
    { guardrails: [{ id: 'GR-1', version: '1', blockedWords: [] }] },
    /options\.guardrails\.0\.id: a guardrail id/,
  ],
  [{ guardrails: [{ id: 'gr1', version: 'v2', blockedWords: [] }] }, /options\.guardrails\.0\.version/],
])('rejects bad options with their path: %j', async (options, message) => {
  const error = await failure(startEmulator(options as never));
  expect(error).toBeInstanceOf(EmulatorOptionsError);
  expect(error.message).toMatch(message);
});
