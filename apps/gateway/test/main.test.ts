import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The built entry point, as `pnpm start` runs it, on a machine with no AWS credentials.
const mainJs = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cleanEnv(home: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, AWS_EC2_METADATA_DISABLED: 'true', LOG_LEVEL: 'warn' };
}

function startMain(
  args: string[],
  extraEnv: Record<string, string> = {},
): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const home = mkdtempSync(join(tmpdir(), 'outcrop-main-'));
  dirs.push(home);
  const child = spawn(process.execPath, [mainJs, ...args], {
    env: { ...cleanEnv(home), ...extraEnv },
    cwd: home,
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  return { child, stdout: () => out, stderr: () => err };
}

function waitFor(predicate: () => boolean, child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (predicate()) {
        clearInterval(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`exited with ${child.exitCode} first`));
      }
    }, 20);
  });
}

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });

describe('outcrop-gateway (dist/main.js)', () => {
  it('starts on the emulator without credentials, prints a curl that streams, and exits 0 on SIGTERM', async () => {
    const run = startMain(['--port', '0']);
    await waitFor(() => /-d '.*'\n/.test(run.stdout()), run.child);
    const banner = run.stdout();
    expect(banner).toContain('EMULATOR');
    const curl = /(curl -N [\s\S]*?-d '[^']*')/.exec(banner)?.[1];
    expect(curl).toBeDefined();

    const output = await new Promise<string>((resolve, reject) => {
      execFile('sh', ['-c', curl!], { timeout: 45_000 }, (err, stdout) =>
        err ? reject(err) : resolve(stdout),
      );
    });
    expect(output).toContain('"content":"');
    expect(output).toContain('"finish_reason":"stop"');
    expect(output.trim().endsWith('data: [DONE]')).toBe(true);

    run.child.kill('SIGTERM');
    expect(await exitCode(run.child)).toBe(0);
  });

  it("names the config's token variable in the banner's curl, which then authenticates, and never prints the token", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcrop-main-token-'));
    dirs.push(dir);
    const config = join(dir, 'outcrop.json5');
    writeFileSync(config, `{ gateway: { auth: { tokens: ['$\{GW_TOKEN}'] } } }\n`);
    const token = 'team-token-4f9a2c71';
    const run = startMain(['--config', config, '--port', '0'], { GW_TOKEN: token });
    await waitFor(() => /-d '.*'\n/.test(run.stdout()), run.child);
    const curl = /(curl -N [\s\S]*?-d '[^']*')/.exec(run.stdout())?.[1];
    expect(curl).toContain('Authorization: Bearer $GW_TOKEN');
    expect(run.stdout()).not.toContain(token);

    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        'sh',
        ['-c', `curl -sS --fail-with-body ${curl!.slice('curl '.length)}`],
        {
          timeout: 45_000,
          env: { PATH: process.env.PATH, GW_TOKEN: token },
        },
        (err, stdout) => (err ? reject(new Error(`${err.message}: ${stdout}`)) : resolve(stdout)),
      );
    });
    expect(output).toContain('"finish_reason":"stop"');
    run.child.kill('SIGTERM');
    expect(await exitCode(run.child)).toBe(0);
  });

  it('exits 1 with the located problem when the config is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outcrop-main-config-'));
    dirs.push(dir);
    const config = join(dir, 'outcrop.json5');
    writeFileSync(config, '{\n  gateway: {\n    port: "not a port",\n  },\n}\n');
    const run = startMain(['--config', config, '--port', '0']);
    expect(await exitCode(run.child)).toBe(1);
    expect(run.stderr()).toContain('gateway.port');
    expect(run.stderr()).toMatch(/outcrop\.json5:3:\d+/);
  });

  it('exits 1 with a hint when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const run = startMain(['--port', String(port)]);
      expect(await exitCode(run.child)).toBe(1);
      expect(run.stderr()).toContain('EADDRINUSE');
      expect(run.stderr()).toContain('--port');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 1 naming a missing AWS profile and how to create it, instead of falling back to the emulator', async () => {
    const run = startMain(['--port', '0'], { AWS_PROFILE: 'no-such-profile' });
    expect(await exitCode(run.child)).toBe(1);
    expect(run.stderr()).toContain('no-such-profile');
    expect(run.stderr()).toContain('Hint:');
    expect(run.stdout()).not.toContain('EMULATOR');
  });

  it('refuses bad flags with usage exit code 2', async () => {
    const run = startMain(['--port', 'abc']);
    expect(await exitCode(run.child)).toBe(2);
    expect(run.stderr()).toContain('--port');
    const unknown = startMain(['--bogus']);
    expect(await exitCode(unknown.child)).toBe(2);
    expect(unknown.stderr()).toContain("Unknown option '--bogus'");
    expect(unknown.stderr()).toContain('Usage: outcrop-gateway');
  });

  it('--emulator never with no credentials exits 1 with what was tried, instead of serving nothing', async () => {
    const run = startMain(['--port', '0', '--emulator', 'never']);
    expect(await exitCode(run.child)).toBe(1);
    expect(run.stderr()).toContain('No AWS credentials found, and the embedded emulator is turned off');
    expect(run.stderr()).toContain('env: AWS_PROFILE: not set');
    expect(run.stderr()).toContain('Hint: ');
    expect(run.stdout()).not.toContain('listening');
  });
});
