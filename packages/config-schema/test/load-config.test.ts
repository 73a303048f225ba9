// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config texts contain literal ${VAR} references
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/index.js';

let root: string;
let cwd: string;
let homeDir: string;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'outcrop-config-'));
  cwd = path.join(root, 'project');
  homeDir = path.join(root, 'home');
  mkdirSync(cwd);
  mkdirSync(path.join(homeDir, '.outcrop'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const write = (file: string, port: number) => {
  writeFileSync(file, `{ gateway: { port: ${port} } }`);
  return file;
};

async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ConfigError) return error;
  throw new Error(`expected a ConfigError, got ${String(error)}`);
}

describe('loadConfig lookup order', () => {
  it('prefers the explicit path, then OUTCROP_CONFIG, then ./outcrop.json5, then ~/.outcrop/config.json5', async () => {
    const explicit = write(path.join(root, 'explicit.json5'), 1001);
    const fromEnv = write(path.join(root, 'env.json5'), 1002);
    const inCwd = write(path.join(cwd, 'outcrop.json5'), 1003);
    const inHome = write(path.join(homeDir, '.outcrop', 'config.json5'), 1004);
    const env = { OUTCROP_CONFIG: fromEnv };

    const steps = [
      await loadConfig({ path: explicit, cwd, env, homeDir }),
      await loadConfig({ cwd, env, homeDir }),
      await loadConfig({ cwd, env: {}, homeDir }),
    ];
    rmSync(inCwd);
    steps.push(await loadConfig({ cwd, env: {}, homeDir }));
    rmSync(inHome);
    steps.push(await loadConfig({ cwd, env: {}, homeDir }));

    expect(steps.map(({ source, path: file, config }) => [source, file, config.gateway.port])).toEqual([
      ['argument', explicit, 1001],
      ['OUTCROP_CONFIG', fromEnv, 1002],
      ['cwd', inCwd, 1003],
      ['home', inHome, 1004],
      ['none', undefined, 4141],
    ]);
  });

  it('resolves relative and ~ paths', async () => {
    write(path.join(cwd, 'custom.json5'), 2001);
    write(path.join(homeDir, 'mine.json5'), 2002);
    expect((await loadConfig({ path: 'custom.json5', cwd, env: {}, homeDir })).config.gateway.port).toBe(
      2001,
    );
    const viaEnv = await loadConfig({ cwd, env: { OUTCROP_CONFIG: '~/mine.json5' }, homeDir });
    expect(viaEnv).toMatchObject({ source: 'OUTCROP_CONFIG', path: path.join(homeDir, 'mine.json5') });
  });

  it('gives an empty, valid config when there is no file anywhere', async () => {
    const { config, source } = await loadConfig({ cwd, env: { OUTCROP_CONFIG: '' }, homeDir });
    expect(source).toBe('none');
    expect(config.models.providers).toEqual({});
    expect(config.gateway.host).toBe('127.0.0.1');
  });
});

describe('loadConfig errors', () => {
  it('refuses an empty file when asked (a reload mid-save), and reads it as defaults otherwise', async () => {
    writeFileSync(path.join(cwd, 'outcrop.json5'), ' \n');
    expect((await loadConfig({ cwd, env: {}, homeDir })).config.gateway.auth.tokens).toEqual([]);
    const found = await failure(loadConfig({ cwd, env: {}, homeDir, refuseEmpty: true }));
    expect(found.issues).toEqual([
      { path: '', message: 'config file is empty (a save in progress?)', file: 'outcrop.json5' },
    ]);
    const named = await failure(
      loadConfig({ path: 'outcrop.json5', cwd, env: {}, homeDir, refuseEmpty: true }),
    );
    expect(named.issues[0]?.message).toBe('config file is empty (a save in progress?)');
  });

  it('fails when an explicitly named file does not exist', async () => {
    const error = await failure(loadConfig({ path: 'nope.json5', cwd, env: {}, homeDir }));
    expect(error.issues).toEqual([{ path: '', message: 'config file not found', file: 'nope.json5' }]);
    const fromEnv = await failure(
      loadConfig({ cwd, env: { OUTCROP_CONFIG: path.join(root, 'x.json5') }, homeDir }),
    );
    expect(fromEnv.format()).toBe(`config file not found (${path.join(root, 'x.json5')})`);
  });

  it('fails on a directory where the file should be', async () => {
    mkdirSync(path.join(cwd, 'outcrop.json5'));
    const error = await failure(loadConfig({ cwd, env: {}, homeDir }));
    expect(error.format()).toBe('config path is a directory, not a file (outcrop.json5)');
  });

  it('refuses a file larger than 1 MiB instead of reading it whole (a device or a wrong path must not eat memory)', async () => {
    const file = path.join(cwd, 'outcrop.json5');
    writeFileSync(file, `{ models: {} }${' '.repeat(1024 * 1024)}`);
    const error = await failure(loadConfig({ cwd, env: {}, homeDir }));
    expect(error.format()).toBe('config file is larger than 1 MiB (outcrop.json5)');
  });

  it('reads an endless device only up to the bound, and /dev/null as an empty config', async () => {
    const endless = await failure(loadConfig({ path: '/dev/zero', cwd, env: {}, homeDir }));
    expect(endless.format()).toBe('config file is larger than 1 MiB (/dev/zero)');
    const empty = await loadConfig({ path: '/dev/null', cwd, env: {}, homeDir });
    expect(empty.config.models.providers).toEqual({});
  });

  it('refuses a named pipe rather than blocking on it until something writes', async () => {
    execFileSync('mkfifo', [path.join(cwd, 'outcrop.json5')]);
    const error = await failure(loadConfig({ cwd, env: {}, homeDir }));
    expect(error.format()).toBe('config path is not a regular file (outcrop.json5)');
  });

  it('names the file relative to cwd in every issue, and substitutes from the given env', async () => {
    mkdirSync(path.join(cwd, 'conf'));
    writeFileSync(
      path.join(cwd, 'conf', 'outcrop.json5'),
      "{\n  gateway: { auth: { tokens: ['${TOKEN}'] }, port: -2 },\n}",
    );
    const error = await failure(loadConfig({ path: 'conf/outcrop.json5', cwd, env: {}, homeDir }));
    expect(error.format().split('\n')).toEqual([
      `gateway.auth.tokens[0]: environment variable TOKEN is not set (${path.join('conf', 'outcrop.json5')}:2:32)`,
      `gateway.port: expected a port number from 0 to 65535 (${path.join('conf', 'outcrop.json5')}:2:52)`,
    ]);
    const ok = await loadConfig({ path: 'conf/outcrop.json5', cwd, env: { TOKEN: 't0k' }, homeDir }).catch(
      (e: ConfigError) => e.issues,
    );
    expect(ok).toEqual([expect.objectContaining({ path: 'gateway.port' })]);
  });
});

describe('value origins', () => {
  it('reports the paths whose values came from ${VAR} substitution', async () => {
    const file = path.join(cwd, 'outcrop.json5');
    writeFileSync(
      file,
      "{ models: { providers: { p: { headers: { 'X-Custom': 'v-${CUSTOM}', Plain: 'p' }, models: [] } } }, gateway: { auth: { tokens: ['${TOKEN}'] } } }",
    );
    const loaded = await loadConfig({ cwd, homeDir, env: { CUSTOM: 'c', TOKEN: 'tok-123' } });
    expect(loaded.substitutedPaths).toEqual([
      ['models', 'providers', 'p', 'headers', 'X-Custom'],
      ['gateway', 'auth', 'tokens', 0],
    ]);
    expect((await loadConfig({ cwd: root, homeDir: root, env: {} })).substitutedPaths).toEqual([]);
  });
});
