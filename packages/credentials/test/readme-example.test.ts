// The README example, kept compiling and running here (against the emulator, through process.env as a user would).
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFakeHome, type FakeHome } from '../src/__fixtures__/fake-home.js';
import { CredentialsError, resolveBedrockConnection } from '../src/index.js';

// --- README example (keep in sync with README.md) ---
async function example(log: (line: string) => void) {
  try {
    const connection = await resolveBedrockConnection({ region: process.env.OUTCROP_REGION });
    log(`credentials: ${connection.source.label}`); // e.g. "env: AWS_PROFILE (dev)"
    log(`region: ${connection.region.region} (${connection.region.source})`);
    const client = new BedrockRuntimeClient(connection.clientConfig('bedrock-runtime'));
    const reply = await client.send(
      new ConverseCommand({
        modelId: 'us.amazon.nova-lite-v1:0',
        messages: [{ role: 'user', content: [{ text: 'Say hello' }] }],
      }),
    );
    log(reply.output?.message?.content?.[0]?.text ?? '');
  } catch (error) {
    if (CredentialsError.isInstance(error)) log(`${error.message}\n${error.hint}`);
    else throw error;
  }
}
// --- end of README example ---

let emulator: Emulator;
let home: FakeHome;
beforeAll(async () => {
  emulator = await startEmulator();
  home = createFakeHome({
    credentials: `[dev]\naws_access_key_id = ${emulator.credentials.accessKeyId}\naws_secret_access_key = ${emulator.credentials.secretAccessKey}\n`,
    config: `[profile dev]\nregion = ${emulator.region}\n`,
  });
  const { AWS_ENDPOINT_URL_BEDROCK_RUNTIME, AWS_ENDPOINT_URL_BEDROCK } = emulator.env();
  for (const name of Object.keys(process.env))
    if (/^AWS_/.test(name) && name !== 'AWS_EC2_METADATA_DISABLED') delete process.env[name];
  Object.assign(process.env, {
    HOME: home.dir,
    AWS_PROFILE: 'dev',
    AWS_ENDPOINT_URL_BEDROCK_RUNTIME,
    AWS_ENDPOINT_URL_BEDROCK,
  });
});
afterAll(async () => {
  await emulator.stop();
  home.remove();
});

it('runs as documented', async () => {
  const lines: string[] = [];
  await example((line) => lines.push(line));
  expect(lines).toEqual([
    'credentials: env: AWS_PROFILE (dev)',
    `region: ${emulator.region} (aws-profile)`,
    'Say hello',
  ]);
});
