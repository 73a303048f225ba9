#!/usr/bin/env node
// Every shell command the README shows after its quick start, and how CI covers it. `list` prints them as JSON
// (tooling/repo-checks proves the list is complete and each one is runnable); `run` runs the ones CI runs here,
// verbatim, in the README's order, and fails on the first that fails. The quick start's own two commands are run
// by .ci/run and scripts/smoke-quick-start.sh.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Commands CI does not run here, each with the reason; anything else in the README is run by `run`. */
export const NOT_RUN_HERE = {
  bench: 'benchmarks take many minutes of both cores; run on demand',
  changeset: 'interactive: asks which packages changed',
  test: 'the quick start runs it (.ci/run, verbatim)',
};

/** Exit codes a command may end with besides 0, when that is what it documents on a machine with no AWS keys. */
// None today: with no AWS keys every README command answers from the embedded emulator, `doctor` included (exit 0).
const ALSO_OK = {};

/** The README's shell commands after the quick start: `{ command, script, args }` in order. */
export function readmeCommands(readme = readFileSync(join(root, 'README.md'), 'utf8')) {
  const after =
    readme
      .split(/^## Quick start$/m)[1]
      ?.split(/^## /m)
      .slice(1)
      .join('\n## ') ?? '';
  const commands = [];
  for (const block of after.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const raw of block[1].split('\n')) {
      const command = raw.replace(/\s+#.*$/, '').trim();
      if (command === '') continue;
      const words = /^npx -y pnpm@[\w.-]+ (\S+)(.*)$/.exec(command);
      commands.push({ command, script: words?.[1] ?? null, args: words?.[2]?.trim() ?? '' });
    }
  }
  return commands;
}

function plan() {
  return readmeCommands().map((entry) => {
    const reason = entry.script && entry.args === '' ? NOT_RUN_HERE[entry.script] : undefined;
    return { ...entry, ci: reason === undefined, ...(reason ? { reason } : {}) };
  });
}

const mode = process.argv[2];
if (mode === 'list') {
  process.stdout.write(`${JSON.stringify(plan(), null, 2)}\n`);
} else if (mode === 'run') {
  for (const { command, script, args, ci, reason } of plan()) {
    if (!ci) {
      console.log(`::: README: ${command}  (not run here: ${reason})`);
      continue;
    }
    console.log(`::: README: ${command}`);
    const { status } = spawnSync('bash', ['-c', command], { cwd: root, stdio: 'inherit' });
    const allowed = [0, ...(ALSO_OK[`${script} ${args}`] ?? [])];
    if (!allowed.includes(status ?? -1)) {
      console.log(`README command failed (exit ${status}): ${command}`);
      process.exit(1);
    }
  }
} else if (mode !== undefined) {
  console.error('usage: readme-commands.mjs list|run');
  process.exit(2);
}
