// The README's example is this package's test/readme-example.ts (with the public import): it compiles
// under the package's type check and runs here against the annotated example config.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chosenModel } from './readme-example.js';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

afterEach(() => vi.unstubAllEnvs());

describe('README', () => {
  it('shows the example verbatim', () => {
    const example = read('./readme-example.ts').replace("'../src/index.js'", "'@outcrop/config-schema'");
    expect(read('../README.md')).toContain(`\`\`\`ts\n${example}\`\`\``);
  });

  it('runs the example against examples/outcrop.example.json5', async () => {
    vi.stubEnv(
      'OUTCROP_CONFIG',
      fileURLToPath(new URL('../../../examples/outcrop.example.json5', import.meta.url)),
    );
    vi.stubEnv('OUTCROP_GATEWAY_TOKEN', 'readme-token');
    expect(await chosenModel()).toBe('amazon-bedrock -> us.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });
});
