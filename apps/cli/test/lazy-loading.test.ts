import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_MAIN, cleanEnv, tempHome } from './cli.js';

const tracer = fileURLToPath(new URL('./fixtures/trace-imports.mjs', import.meta.url));

/** Every module URL `outcrop <args>` loads. */
function modulesLoadedBy(args: string[]): string[] {
  const home = tempHome();
  const file = path.join(home, 'trace.txt');
  const result = spawnSync(process.execPath, ['--import', tracer, CLI_MAIN, ...args], {
    env: { ...cleanEnv(home), OUTCROP_TRACE_FILE: file },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  return readFileSync(file, 'utf8').trim().split('\n');
}

const heavy = /@aws-sdk|@smithy|\/zod\/|\/ora\/|cli-table3|@outcrop\/|\/packages\/|\/tooling\//;

describe('lazy loading', () => {
  it.each(['--help', '--version', 'models --help', 'chat --help', 'models status --help'])(
    '`outcrop %s` loads commander and the CLI shell only',
    (command) => {
      const loaded = modulesLoadedBy(command.split(' '));
      expect(loaded.some((url) => url.includes('commander'))).toBe(true);
      expect(loaded.filter((url) => heavy.test(url))).toEqual([]);
    },
  );

  it('`outcrop config schema` loads config-schema but not the AWS SDK', () => {
    const loaded = modulesLoadedBy(['config', 'schema']);
    expect(loaded.some((url) => url.includes('config-schema'))).toBe(true);
    expect(loaded.filter((url) => /@aws-sdk|@smithy/.test(url))).toEqual([]);
  });
});
