// docs/writing-a-provider.md: its config snippet is valid and routes the model to the provider registered on
// the Outcrop instance, and a typo in `api` fails at start-up with a "did you mean".
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '@outcrop/config-schema';
import { describe, expect, it } from 'vitest';
import { collectParts } from '../src/conformance/suite.js';
import { createOutcrop } from '../src/outcrop.js';
import type { ProviderV1 } from '../src/spec.js';

const guide = readFileSync(path.resolve(import.meta.dirname, '../../../docs/writing-a-provider.md'), 'utf8');
const snippet = /```json5\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
const noAws = () => ({
  env: { AWS_EC2_METADATA_DISABLED: 'true' },
  homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-guide-home-')),
});
const myProvider: ProviderV1 = {
  specificationVersion: 'v1',
  api: 'my-chat-api',
  async *stream(model) {
    yield { type: 'text-start', id: 't' };
    yield { type: 'text-delta', id: 't', delta: `hello from ${model.baseUrl}` };
    yield { type: 'text-end', id: 't' };
    yield {
      type: 'finish',
      finishReason: 'stop',
      rawStopReason: 'stop',
      usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 2 },
      response: { modelId: model.id, provider: model.provider },
    };
  },
};

describe('writing-a-provider guide', () => {
  it('shows a config whose model resolves and streams through the registered API', async () => {
    const config = parseConfig(snippet, { fileName: 'guide.json5' });
    const outcrop = await createOutcrop({ config, ...noAws(), providers: { 'my-chat-api': myProvider } });
    const model = await outcrop.resolve('local-llm/llama-3.1-8b');
    expect(model).toMatchObject({
      api: 'my-chat-api',
      baseUrl: 'http://127.0.0.1:8080/v1',
      id: 'llama-3.1-8b',
    });
    const result = await outcrop.complete('local-llm/llama-3.1-8b', {
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(result.message.content).toEqual([{ type: 'text', text: 'hello from http://127.0.0.1:8080/v1' }]);
    // A second instance without the provider does not see it: no process-wide state.
    const parts = await collectParts(
      (await createOutcrop({ config: parseConfig('{}'), ...noAws() })).stream(model, { messages: [] }),
    );
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'no_provider' } });
  });

  it('rejects an api nothing registered, with a did-you-mean, at start-up', async () => {
    const config = parseConfig(snippet.replace('my-chat-api', 'my-chat-apj'), { fileName: 'guide.json5' });
    await expect(
      createOutcrop({ config, ...noAws(), providers: { 'my-chat-api': myProvider } }),
    ).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('models.providers.local-llm.api: unknown api "my-chat-apj"'),
    });
    const typo = parseConfig(
      '{ models: { providers: { "amazon-bedrock": { api: "bedrock-converse", models: [] } } } }',
    );
    await expect(createOutcrop({ config: typo, ...noAws() })).rejects.toThrow(
      /did you mean "bedrock-converse-stream"/,
    );
  });
});
