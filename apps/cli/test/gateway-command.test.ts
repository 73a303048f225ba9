import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_MAIN, cleanEnv, runCli, startGatewayCli, tempHome } from './cli.js';

describe('outcrop gateway', () => {
  it('with no credentials serves the embedded emulator, says so, answers, and drains on SIGINT', async () => {
    const { child, url, exited, stdout } = await startGatewayCli(cleanEnv(tempHome()));
    try {
      expect(stdout()).toMatch(/EMULATOR/);
      const models = (await (await fetch(`${url}/v1/models`)).json()) as { data: Array<{ id: string }> };
      expect(models.data.length).toBeGreaterThan(0);
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: models.data[0]!.id,
          messages: [{ role: 'user', content: 'ping pong' }],
        }),
      });
      expect(response.status).toBe(200);
      const completion = (await response.json()) as { choices: Array<{ message: { content: string } }> };
      expect(completion.choices[0]?.message.content).toBe('ping pong');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });

  it('--no-emulator with no credentials exits 4 with the credentials hint instead of serving nothing', async () => {
    const result = await runCli(['--no-emulator', 'gateway', '--port', '0'], {
      env: cleanEnv(tempHome()),
      killAfterMs: 20_000,
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^error: No AWS credentials found, and the embedded emulator is turned off/,
    );
    expect(result.stderr).toMatch(/^hint: /m);
    expect(result.stdout).not.toContain('listening');
  });

  it('rejects a bad port as a usage error', async () => {
    const child = spawn(process.execPath, [CLI_MAIN, 'gateway', '--port', '70000'], {
      env: cleanEnv(tempHome()),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: option '-p, --port <port>' argument '70000' is invalid\. expected a whole number from 0 to 65535/,
    );
  });
});
