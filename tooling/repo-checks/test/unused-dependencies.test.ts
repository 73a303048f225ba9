// Every runtime dependency a workspace package declares is imported by its source: a dependency nothing
// imports (the emulator's old @aws-crypto/sha256-js) is weight every install pays for.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const packageDirs = ['packages', 'apps', 'tooling'].flatMap((group) =>
  readdirSync(path.join(root, group))
    .map((name) => path.join(root, group, name))
    .filter((dir) => statSync(path.join(dir, 'package.json'), { throwIfNoEntry: false })?.isFile()),
);

function sourceText(dir: string): string {
  const texts: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|mts|js|mjs|cjs)$/.test(entry.name)) texts.push(readFileSync(full, 'utf8'));
    }
  };
  for (const sub of ['src', 'bin']) {
    if (statSync(path.join(dir, sub), { throwIfNoEntry: false })?.isDirectory()) walk(path.join(dir, sub));
  }
  return texts.join('\n');
}

describe('runtime dependencies', () => {
  it.each(packageDirs.map((dir) => [path.relative(root, dir), dir]))(
    '%s imports every one it declares',
    (_, dir) => {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      const text = sourceText(dir);
      const unused = Object.keys(manifest.dependencies ?? {}).filter(
        (name) => !text.includes(`'${name}'`) && !text.includes(`'${name}/`) && !text.includes(`"${name}`),
      );
      expect(unused).toEqual([]);
    },
  );
});
