#!/usr/bin/env node
// Proves every publishable package's exports from the outside: publint checks the
// package.json against what `npm pack` would ship, and are-the-types-wrong resolves
// the types the way Node ESM consumers (and bundlers) will. Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const dirs = ['packages', 'apps', 'tooling']
  .flatMap((group) => fs.readdirSync(path.join(root, group)).map((d) => path.join(root, group, d)))
  .filter((dir) => fs.existsSync(path.join(dir, 'package.json')));

let failed = 0;
for (const dir of dirs) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(bin(tool), args, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
      console.log(`ok    ${tool.padEnd(8)} ${pkg.name}`);
    } catch (error) {
      failed++;
      console.log(`FAIL  ${tool.padEnd(8)} ${pkg.name}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
if (failed) {
  console.error(`${failed} export check(s) failed`);
  process.exit(1);
}
