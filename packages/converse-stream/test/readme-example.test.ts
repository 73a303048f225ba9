// Runs the README's example, verbatim, against the emulator: the docs cannot drift from the code.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulator-harness.js';

const h = useEmulator();
const packageDir = fileURLToPath(new URL('..', import.meta.url));

describe('README example', () => {
  it('runs as written and streams a reply', async () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const code = /## Example\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeTruthy();
    // Inside the package so `@outcrop/converse-stream` resolves to itself (dist/, built before tests).
    const file = join(packageDir, '.readme-example.mjs');
    writeFileSync(file, code!);
    try {
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: mkdtempSync(join(tmpdir(), 'outcrop-readme-')),
        ...h.emulator.env(),
      };
      // A safety net for a Node child that loads the AWS SDK: on a loaded 2-core machine that alone can take 15 s.
      const { stdout } = await promisify(execFile)(process.execPath, [file], { env, timeout: 45_000 });
      expect(stdout).toContain('[end_turn]');
      expect(stdout).toContain('Say hello.');
      expect(h.emulator.journal.entries()).toHaveLength(1);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
