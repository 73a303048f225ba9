// docs/ARCHITECTURE.md's picture of the runtime names real files and real exports, so it cannot drift silently.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const doc = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
const picture = doc.slice(doc.indexOf('## The runtime'), doc.indexOf('## Conventions for every package'));
const srcDirs = ['packages', 'apps'].flatMap((group) =>
  readdirSync(path.join(root, group)).map((name) => path.join(root, group, name, 'src')),
);

describe('the runtime picture in docs/ARCHITECTURE.md', () => {
  it('names only source files that exist', () => {
    const files = [...new Set(picture.match(/[a-z][a-z-]*\.ts\b/g) ?? [])];
    expect(files.length).toBeGreaterThan(3);
    const missing = files.filter((file) => !srcDirs.some((dir) => existsSync(path.join(dir, file))));
    expect(missing).toEqual([]);
  });

  it('names functions the provider package exports', () => {
    const index = readFileSync(path.join(root, 'packages/provider/src/index.ts'), 'utf8');
    for (const name of ['createOutcrop', 'chooseUpstream', 'buildModelCatalog']) {
      expect(picture).toContain(name);
      expect(index).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });
});
