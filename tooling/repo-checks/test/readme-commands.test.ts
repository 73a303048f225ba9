import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** The shell commands of the README's "Quick start" fenced block. */
function quickStartCommands(): string[] {
  const readme = read('README.md');
  const section = readme.split(/^## Quick start$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((line) => line.trim() !== '');
}

describe('README quick start', () => {
  const commands = quickStartCommands();
  const packageJson = JSON.parse(read('package.json'));
  const pinned = String(packageJson.packageManager).replace(/^pnpm@/, '');

  it('has exactly two commands: start the gateway, run the tests', () => {
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/ start$/);
    expect(commands[1]).toMatch(/ test$/);
  });

  it('pins the pnpm version named in packageManager', () => {
    for (const command of commands) {
      for (const match of command.matchAll(/pnpm@([\w.-]+)/g)) expect(match[1]).toBe(pinned);
    }
  });

  it('is what CI runs, verbatim', () => {
    const ci = read('.ci/run');
    expect(ci.split('\n').some((line) => line.startsWith(commands[1] ?? '<none>'))).toBe(true);
  });

  it('names scripts that exist', () => {
    for (const script of ['start', 'test']) expect(packageJson.scripts[script]).toBeTypeOf('string');
  });
});
