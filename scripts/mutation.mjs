// `pnpm test:mutation [module...]`: StrykerJS over the core modules, one module per run (see
// scripts/mutation-modules.mjs), each from its own package directory. Prints the score of each module at the end.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTATION_MODULES } from './mutation-modules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const stryker = join(dirname(require.resolve('@stryker-mutator/core/package.json')), 'bin', 'stryker.js');
const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!MUTATION_MODULES[name]) {
    console.error(`Unknown module '${name}'. Modules: ${Object.keys(MUTATION_MODULES).join(', ')}`);
    process.exit(2);
  }
}
const names = wanted.length ? wanted : Object.keys(MUTATION_MODULES);
const scores = [];
for (const name of names) {
  const { dir } = MUTATION_MODULES[name];
  const cwd = join(root, dir);
  console.log(`\n== ${name} (${dir})`);
  const run = spawnSync(process.execPath, [stryker, 'run', join(root, 'stryker.config.mjs')], {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, OUTCROP_MUTATION_MODULE: name },
  });
  if (run.status !== 0) {
    scores.push({ name, score: `failed (exit ${run.status})` });
    continue;
  }
  const report = JSON.parse(readFileSync(join(cwd, 'reports/mutation', `${name}.json`), 'utf8'));
  let killed = 0;
  let total = 0;
  for (const file of Object.values(report.files)) {
    for (const mutant of file.mutants) {
      if (mutant.status === 'CompileError' || mutant.status === 'RuntimeError' || mutant.status === 'Ignored')
        continue;
      total++;
      if (mutant.status === 'Killed' || mutant.status === 'Timeout') killed++;
    }
  }
  scores.push({
    name,
    score: `${((100 * killed) / total).toFixed(1)}% (${killed} of ${total} mutants killed)`,
  });
}
console.log('\nMutation score per module:');
for (const { name, score } of scores) console.log(`  ${name.padEnd(22)} ${score}`);
