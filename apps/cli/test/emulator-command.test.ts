import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_MAIN, cleanEnv, parseJson, runCli, tempHome } from './cli.js';

describe('outcrop emulator', () => {
  it('prints its env as JSON, serves Bedrock to other commands, and stops cleanly on SIGINT', async () => {
    const home = tempHome();
    const child = spawn(process.execPath, [CLI_MAIN, 'emulator', '--json', '--region', 'us-west-2'], {
      env: cleanEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const info = await new Promise<{ url: string; region: string; env: Record<string, string> }>(
      (resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          try {
            resolve(JSON.parse(stdout));
          } catch {
            // not complete yet
          }
        });
        child.on('close', () => reject(new Error(`emulator exited early: ${stderr}`)));
      },
    );
    try {
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(info.region).toBe('us-west-2');
      expect(info.env).toMatchObject({ AWS_ENDPOINT_URL_BEDROCK_RUNTIME: info.url, AWS_REGION: 'us-west-2' });
      const list = await runCli(['models', 'list', '--json'], { env: cleanEnv(tempHome(), info.env) });
      expect(list.code).toBe(0);
      expect(parseJson<{ count: number; emulator: boolean }>(list)).toMatchObject({ emulator: false });
      expect(stderr).toContain(`Bedrock emulator listening on ${info.url}`);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('prints export lines a shell can eval', async () => {
    const child = spawn(process.execPath, [CLI_MAIN, 'emulator'], {
      env: cleanEnv(tempHome()),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    let stdout = '';
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.includes('AWS_REGION')) resolve();
      });
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/^export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http:\/\/127\.0\.0\.1:\d+$/m);
    expect(stdout).toMatch(/^export AWS_REGION=us-east-1$/m);
  });
});
