import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentModels, parseConfig } from '@outcrop/config-schema';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe("README's config example", () => {
  it('loads with the real loader and names the models it shows', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /```json5\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const config = parseConfig(block ?? '', { fileName: 'README.md' });
    expect(agentModels(config)).toEqual({
      primary: 'amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      fallbacks: ['amazon-bedrock/us.amazon.nova-pro-v1:0'],
    });
    expect(config.models.providers['amazon-bedrock']?.models[0]?.maxTokens).toBe(64000);
  });
});
