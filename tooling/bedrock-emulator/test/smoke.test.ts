import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { collect, eventNames, HAIKU, runtimeClient, streamedText, userText } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

it('streams an echo over h2c to the default SDK client', async () => {
  const client = runtimeClient(emulator);
  const out = await client.send(
    new ConverseStreamCommand({ modelId: HAIKU, messages: userText('hello there world') }),
  );
  const events = await collect(out.stream);
  expect(eventNames(events)[0]).toBe('messageStart');
  expect(streamedText(events)).toBe('hello there world');
  const [entry] = emulator.journal.entries();
  expect(entry?.protocol).toBe('2.0');
  client.destroy();
});
