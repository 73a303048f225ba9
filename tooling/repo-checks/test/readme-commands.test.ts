import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const packageJson = JSON.parse(read('package.json'));
const pinned = String(packageJson.packageManager).replace(/^pnpm@/, '');
const ci = read('.ci/run');

/** The shell commands of every ```sh block in `text`, comments and blank lines dropped. */
function shCommands(text: string): string[] {
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
    (block[1] ?? '')
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== ''),
  );
}

const quickStartSection = readme.split(/^## Quick start$/m)[1]?.split(/^## /m)[0] ?? '';
const quickStart = shCommands(/```sh\n[\s\S]*?```/.exec(quickStartSection)?.[0] ?? '');
const afterQuickStart = shCommands(
  readme
    .split(/^## Quick start$/m)[1]
    ?.split(/^## /m)
    .slice(1)
    .join('\n## ') ?? '',
);

interface Planned {
  command: string;
  script: string | null;
  args: string;
  ci: boolean;
  reason?: string;
}
/** What scripts/readme-commands.mjs (run by CI) will do with each README command. */
function plan(): Planned[] {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/readme-commands.mjs'), 'list'], {
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Planned[];
}

describe('README quick start', () => {
  it('has exactly two commands: start the gateway, run the tests', () => {
    expect(quickStart).toHaveLength(2);
    expect(quickStart[0]).toMatch(/ start$/);
    expect(quickStart[1]).toMatch(/ test$/);
  });

  it('pins the pnpm version named in packageManager, everywhere in the README', () => {
    const named = [...readme.matchAll(/pnpm@([\w.-]+)/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(10);
    for (const version of named) expect(version).toBe(pinned);
  });

  it('is what CI runs, verbatim: the test command in .ci/run, the start command in the smoke script', () => {
    expect(ci.split('\n').some((line) => line.trim().startsWith(quickStart[1] ?? '<none>'))).toBe(true);
    // The smoke script reads the start command out of the README itself and checks its shape.
    expect(ci).toContain('scripts/smoke-quick-start.sh');
    expect(read('scripts/smoke-quick-start.sh')).toContain("awk '/^## Quick start/");
  });

  it('names scripts that exist', () => {
    for (const script of ['start', 'test']) expect(packageJson.scripts[script]).toBeTypeOf('string');
  });
});

describe('every README command after the quick start', () => {
  const planned = plan();

  it('is known to the runner CI uses, in the same order', () => {
    expect(afterQuickStart.length).toBeGreaterThan(8);
    expect(planned.map((entry) => entry.command)).toEqual(afterQuickStart);
    expect(ci).toMatch(/^\s*node scripts\/readme-commands\.mjs run\b/m);
  });

  it('runs without a global pnpm: npx with the pinned pnpm and a root script that exists', () => {
    for (const { command, script } of planned) {
      expect(command, command).toMatch(new RegExp(`^npx -y pnpm@${pinned.replaceAll('.', '\\.')} `));
      expect(packageJson.scripts[script ?? '<none>'], command).toBeTypeOf('string');
    }
  });

  it('is run by CI, except the few that say why not, each of which CI covers another way or cannot run', () => {
    const skipped = planned.filter((entry) => !entry.ci);
    expect(skipped.map((entry) => entry.script).sort()).toEqual(['bench', 'changeset', 'test']);
    for (const entry of skipped) expect(entry.reason, entry.command).toMatch(/\w{8,}/);
    // `test` is skipped only because the quick start's own test command (run by CI) is the same command.
    expect(quickStart[1]).toContain(planned.find((entry) => entry.script === 'test')?.command);
    expect(planned.filter((entry) => entry.ci).length).toBeGreaterThanOrEqual(9);
  });

  it('shows the CLI under the root script that builds it first', () => {
    const cli = planned.filter((entry) => entry.script === 'outcrop').map((entry) => entry.args);
    expect(cli).toEqual(['models list', 'models status', 'chat "Hello there"', 'doctor']);
    expect(packageJson.scripts.outcrop).toMatch(
      /build-with-progress\.mjs .*@outcrop\/cli\.\.\. && node apps\/cli\/dist\/main\.js$/,
    );
  });
});

describe("README's curl", () => {
  it('names the model the banner suggests on the emulator (the smoke script compares it with the real banner)', () => {
    const curl = /curl -N [\s\S]*?-d '([^']*)'/.exec(quickStartSection)?.[1];
    expect(JSON.parse(curl ?? '{}').model).toBe('amazon-bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0');
    expect(read('scripts/smoke-quick-start.sh')).toContain("the banner's curl uses");
  });
});
