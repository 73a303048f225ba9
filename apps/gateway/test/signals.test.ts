import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from '@outcrop/test-http';
import { afterEach, describe, expect, it } from 'vitest';
import { raw } from './helpers.js';

// SIGHUP and config-file changes reload the running process; a bad file is refused and the old config serves.
const mainJs = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const writeTokens = (file: string, tokens: string[]) =>
  writeFileSync(file, `{\n  gateway: {\n    auth: { tokens: ${JSON.stringify(tokens)} },\n  },\n}\n`);

/** 30 s of polling: a reload can be slow on a loaded machine (a bound, not an expectation). */
const RELOAD_POLLS = 1_200;

describe('reload in a running gateway', () => {
  it('applies a changed file on SIGHUP or on save, and keeps the old config when the new one is invalid', async () => {
    dir = mkdtempSync(join(tmpdir(), 'outcrop-sighup-'));
    const config = join(dir, 'outcrop.json5');
    writeTokens(config, ['first-token']);
    child = spawn(process.execPath, [mainJs, '--config', config, '--port', '0'], {
      env: { PATH: process.env.PATH, HOME: dir, AWS_EC2_METADATA_DISABLED: 'true', LOG_LEVEL: 'info' },
    });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    await eventually(async () => /listening on http:\/\/127\.0\.0\.1:\d+/.test(out), RELOAD_POLLS);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    const status = async (token: string) =>
      (await raw(url, { path: '/v1/models', headers: { authorization: `Bearer ${token}` } })).status;
    expect(await status('first-token')).toBe(200);

    writeTokens(config, ['second-token']);
    child.kill('SIGHUP');
    await eventually(async () => (await status('second-token')) === 200, RELOAD_POLLS);
    expect(await status('first-token')).toBe(401);

    writeFileSync(config, '{\n  gateway: {\n    port: "eighty",\n  },\n}\n');
    child.kill('SIGHUP');
    await eventually(async () => out.includes('config reload rejected'), RELOAD_POLLS);
    expect(out).toMatch(/gateway\.port[^\n]*outcrop\.json5:3:\d+/);
    expect(await status('second-token')).toBe(200);

    // A file caught empty mid-save (truncated, not yet written) is refused too: every default would mean no tokens.
    writeFileSync(config, '');
    child.kill('SIGHUP');
    await eventually(async () => out.includes('config file is empty'), RELOAD_POLLS);
    expect(await status('anyone')).toBe(401);

    // Saving the file is enough: the gateway watches it.
    writeTokens(config, ['third-token']);
    await eventually(async () => (await status('third-token')) === 200, RELOAD_POLLS);
    expect(await status('second-token')).toBe(401);
    expect(out).not.toMatch(/(first|second|third)-token/);
  });
});
