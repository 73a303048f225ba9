import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceModel } from './service-model.js';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

describe('the API model snapshot', () => {
  it('holds the input shapes of every operation served', () => {
    const runtime = serviceModel().services['bedrock-runtime'];
    for (const operation of ['Converse', 'ConverseStream', 'ApplyGuardrail']) {
      expect(runtime.shapes[runtime.operations[operation]!]?.type).toBe('structure');
    }
    expect(runtime.shapes.ConversationRole?.enum).toEqual(['user', 'assistant', 'system']);
  });
  it('names the same botocore version as its NOTICE and the README', () => {
    const { botocoreVersion, extracted } = serviceModel();
    expect(read('../data/NOTICE')).toContain(`botocore ${botocoreVersion}`);
    expect(read('../README.md')).toContain(`botocore ${botocoreVersion}, extracted\n   ${extracted}`);
  });
});
