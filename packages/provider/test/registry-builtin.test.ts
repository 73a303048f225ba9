// The built-in bedrock-converse-stream API, loaded lazily by the registry, streams from the environment's
// Bedrock (here the emulator's endpoint and keys) with no registration by the caller.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complete } from '../src/complete.js';
import { getApi, hasApi } from '../src/registry.js';
import { bedrockModel, SONNET_4 } from './helpers.js';

let emulator: Emulator;
const saved = { ...process.env };
beforeAll(async () => {
  emulator = await startEmulator();
  // This test file runs in its own process (vitest forks): the environment is ours to set.
  Object.assign(process.env, emulator.env(), {
    HOME: mkdtempSync(path.join(tmpdir(), 'outcrop-builtin-home-')),
  });
  for (const name of ['AWS_PROFILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_SESSION_TOKEN'])
    delete process.env[name];
});
afterAll(async () => {
  process.env = saved;
  await emulator.stop();
});

describe('the built-in Bedrock API', () => {
  it('loads on first use and completes through stream()', async () => {
    expect(hasApi('bedrock-converse-stream')).toBe(true);
    const result = await complete(bedrockModel(SONNET_4), {
      messages: [{ role: 'user', content: 'Built in.' }],
    });
    expect(result.message.content).toEqual([{ type: 'text', text: 'Built in.' }]);
    expect(result.finishReason).toBe('stop');
    expect((await getApi('bedrock-converse-stream'))?.api).toBe('bedrock-converse-stream');
    expect(emulator.journal.entries().some((entry) => entry.operation === 'ConverseStream')).toBe(true);
  });
});
