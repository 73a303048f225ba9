// docs/writing-a-provider.md: its config snippet is valid and routes the model to the provider's API.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '@outcrop/config-schema';
import { describe, expect, it } from 'vitest';
import { createModelRegistry } from '../src/model-registry.js';

const guide = readFileSync(path.resolve(import.meta.dirname, '../../../docs/writing-a-provider.md'), 'utf8');

describe('writing-a-provider guide', () => {
  it('shows a config whose model resolves to the registered API', async () => {
    const snippet = /```json5\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(snippet).toBeDefined();
    const config = parseConfig(snippet!, { fileName: 'guide.json5' });
    const model = await createModelRegistry({ config }).resolve('local-llm/llama-3.1-8b');
    expect(model).toMatchObject({
      api: 'my-chat-api',
      baseUrl: 'http://127.0.0.1:8080/v1',
      id: 'llama-3.1-8b',
    });
  });
});
