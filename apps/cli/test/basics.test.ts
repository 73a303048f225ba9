import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempHome } from './cli.js';

const home = tempHome();
const env = cleanEnv(home);
const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

describe('help, version, usage errors', () => {
  it('prints help with examples, exit codes and environment, exit 0', async () => {
    const result = await runCli(['--help'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: outcrop');
    expect(result.stdout).toMatch(/Examples:\n {2}\$ outcrop models list/);
    expect(result.stdout).toMatch(/Exit codes:\n {4}0 {2}success/);
    expect(result.stdout).toContain('130  interrupted (Ctrl-C)');
    expect(result.stdout).toContain('NO_COLOR, FORCE_COLOR');
  });

  it.each([
    'models list',
    'models status',
    'models refresh',
    'chat',
    'config validate',
    'config show',
    'config schema',
    'config init',
    'doctor',
    'gateway',
    'emulator',
  ])('`outcrop %s --help` has examples', async (command) => {
    const result = await runCli([...command.split(' '), '--help'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Examples:\n {2}\$ outcrop /);
  });

  it('prints the package version', async () => {
    const result = await runCli(['--version'], { env });
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('an unknown command or option is a usage error: exit 2, a one-line error and a hint on stderr', async () => {
    const unknownCommand = await runCli(['modles'], { env });
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stdout).toBe('');
    expect(unknownCommand.stderr).toMatch(/^error: unknown command 'modles'/);
    expect(unknownCommand.stderr).toContain('hint: add --help');

    // `list` is the default subcommand; an unknown one is still an unknown command, not "too many arguments".
    const unknownSub = await runCli(['models', 'lst'], { env });
    expect(unknownSub.code).toBe(2);
    expect(unknownSub.stdout).toBe('');
    expect(unknownSub.stderr).toMatch(
      /^error: unknown command 'models lst' \(models has: list, status, refresh\)\n/,
    );

    const unknownOption = await runCli(['models', 'list', '--bogus'], { env });
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/^error: unknown option '--bogus'/);
  });

  it('a bad choice is a usage error', async () => {
    const result = await runCli(['chat', '--reasoning', 'extreme', 'hi'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: option .*--reasoning.* argument 'extreme' is invalid/);
  });

  it('--debug adds the stack trace to the one-line error', async () => {
    const plain = await runCli(['chat', '--image', 'missing.png', 'hi'], { env });
    expect(plain.stderr).not.toContain('    at ');
    const debug = await runCli(['--debug', 'chat', '--image', 'missing.png', 'hi'], { env });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(
      /^error: cannot read image missing\.png: no such file\n.*CliError.*\n {4}at /s,
    );
  });

  it('rejects a malformed number as a usage error', async () => {
    const result = await runCli(['chat', '--max-tokens', '12abc', 'hi'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: option '--max-tokens <n>' argument '12abc' is invalid/);
  });

  it('FORCE_COLOR colours errors even in a pipe; NO_COLOR wins over it', async () => {
    const args = ['chat', '--image', 'missing.png', 'hi'];
    const forced = await runCli(args, { env: { ...env, NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain('\u001b[');
    const plain = await runCli(args, { env: { ...env, FORCE_COLOR: '1' } });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe('error: cannot read image missing.png: no such file\n');
    const unknownOption = await runCli(['models', 'list', '--bogus'], {
      env: { ...env, NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(unknownOption.stderr).toContain('\u001b[31m\u001b[1merror');
  });
});
