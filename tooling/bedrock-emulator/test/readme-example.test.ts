// The README's example, kept compiling and passing.
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { expect, it, vi } from 'vitest';
import { startEmulator } from '../src/index.js';

it('runs the README example', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  // --- README example starts ---
  const emulator = await startEmulator(); // 127.0.0.1, ephemeral port, generated keys
  const client = new BedrockRuntimeClient({
    endpoint: emulator.url,
    region: emulator.region,
    credentials: emulator.credentials,
  });

  emulator.scenarios.push({ streamException: { type: 'throttlingException', afterEvents: 3 } });
  const out = await client.send(
    new ConverseStreamCommand({
      modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      messages: [{ role: 'user', content: [{ text: 'Hello there' }] }],
    }),
  );
  try {
    for await (const event of out.stream ?? []) console.log(event);
  } catch (error) {
    console.log('stream failed:', (error as Error).name); // ThrottlingException, after 3 events
  }
  console.log(emulator.journal.entries()[0]); // auth kind, attempt, model id, parsed body, events sent...
  client.destroy();
  await emulator.stop();
  // --- README example ends ---
  expect(
    log.mock.calls.filter(([first]) => typeof first === 'object' && first !== null && !('id' in first)),
  ).toHaveLength(3);
  expect(log).toHaveBeenCalledWith('stream failed:', 'ThrottlingException');
  expect(log.mock.calls.at(-1)?.[0]).toMatchObject({ operation: 'ConverseStream', eventsSent: 3 });
  log.mockRestore();
});
