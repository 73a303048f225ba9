// Bounded caches use the maintained lru-cache, not hand-rolled Map eviction (four copies had drifted apart).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(full);
  }
  return files;
}

describe('bounded caches in packages and apps', () => {
  it('evict through lru-cache, never by deleting a Map’s first key', () => {
    const offenders = ['packages', 'apps']
      .flatMap((group) => sourceFiles(path.join(root, group)))
      .filter((file) => file.includes(`${path.sep}src${path.sep}`))
      .filter((file) => /\.keys\(\)\.next\(\)\.value/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});
