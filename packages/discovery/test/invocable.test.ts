import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { createDiscovery } from '../src/index.js';
import { APP_PROFILE, CATALOG_MODELS, config, connectionTo, emulator, NOVA2, SONNET45 } from './helpers.js';

const catalog = { models: CATALOG_MODELS, applicationProfiles: [APP_PROFILE] };
const hello = {
  messages: [{ role: 'user' as const, content: [{ text: 'hello' }] }],
  inferenceConfig: { maxTokens: 16 },
};

// The point of discovery: every id it offers answers a real call, from the region it names,
// and the bare ids it withholds are the ones Bedrock would refuse.
describe('every discovered id can really be called', () => {
  it.each(['us-east-1', 'eu-west-1', 'ap-northeast-1'])('in %s', async (region) => {
    const emu = await emulator({ catalog });
    const connection = await connectionTo(emu);
    const { models } = await createDiscovery({ connection, config: config({ region }) }).list();
    expect(models.length).toBeGreaterThan(3);
    for (const model of models) {
      const client = new BedrockRuntimeClient({
        ...connection.clientConfig('bedrock-runtime', { region: model.region }),
        maxAttempts: 1,
      });
      const reply = await client.send(new ConverseCommand({ modelId: model.id, ...hello }));
      expect(reply.stopReason, model.id).toBeDefined();
      client.destroy();
    }
  });

  it('the bare ids of profile-only models are refused on demand', async () => {
    const emu = await emulator({ catalog });
    const connection = await connectionTo(emu);
    const client = new BedrockRuntimeClient({
      ...connection.clientConfig('bedrock-runtime'),
      maxAttempts: 1,
    });
    for (const modelId of [SONNET45, NOVA2]) {
      await expect(client.send(new ConverseCommand({ modelId, ...hello }))).rejects.toMatchObject({
        name: 'ValidationException',
      });
    }
    client.destroy();
  });
});
