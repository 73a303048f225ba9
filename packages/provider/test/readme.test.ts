// The README's example is test/readme-example.ts, type-checked with the tests: keep them identical.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '..');

describe('README', () => {
  it('shows the type-checked example verbatim', () => {
    const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
    const example = readFileSync(path.join(dir, 'test/readme-example.ts'), 'utf8');
    expect(readme).toContain(`\`\`\`ts\n${example}\`\`\``);
  });
});
