// Authentication edge cases: clock skew (and the SDK's own correction), missing or malformed Authorization.
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { failure, HAIKU, runtimeClient, userText } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

const converse = () => new ConverseCommand({ modelId: HAIKU, messages: userText('tick tock') });
const post = (headers: Record<string, string>) =>
  fetch(`${emulator.url}/model/${encodeURIComponent(HAIKU)}/converse`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ messages: userText('x') }),
  });

it('rejects a request signed 20 minutes ago as an expired signature', async () => {
  const client = runtimeClient(emulator, { maxAttempts: 1, systemClockOffset: -20 * 60 * 1000 });
  const error = await failure(client.send(converse()));
  expect(error.name).toBe('InvalidSignatureException');
  expect(error.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z/);
  client.destroy();
});

it('lets the SDK correct its clock from the Date header and retry', async () => {
  emulator.journal.clear();
  const client = runtimeClient(emulator, {
    systemClockOffset: -20 * 60 * 1000,
    retryStrategy: new ConfiguredRetryStrategy(2, 1),
  });
  const out = await client.send(converse());
  expect(out.output?.message?.content?.[0]?.text).toBe('tick tock');
  expect(emulator.journal.entries().map((entry) => [entry.attempt, entry.auth.ok])).toEqual([
    [1, false],
    [2, true],
  ]);
  client.destroy();
});

it('answers a request without Authorization with MissingAuthenticationTokenException', async () => {
  const response = await post({});
  expect(response.status).toBe(403);
  expect(response.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException:/);
  expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
});

it('answers a malformed SigV4 header with IncompleteSignatureException (400)', async () => {
  const response = await post({ authorization: 'AWS4-HMAC-SHA256 Credential=AKID/garbage' });
  expect(response.status).toBe(400);
  expect(response.headers.get('x-amzn-errortype')).toMatch(/^IncompleteSignatureException:/);
  expect(emulator.journal.entries().at(-1)?.auth).toEqual({
    kind: 'sigv4',
    ok: false,
    error: 'IncompleteSignatureException',
  });
});
