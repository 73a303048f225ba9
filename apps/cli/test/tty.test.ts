import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runCli, tempHome } from './cli.js';
import { hasPython3, plainText, runInPty } from './pty.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

describe.skipIf(!hasPython3)('terminal behaviour (needs python3 for the pseudo-terminal)', () => {
  it('shows a spinner while discovery runs on a terminal, never in a pipe', async () => {
    const env = cleanEnv(tempHome(), emulator.env());
    const onTty = await runInPty(['models', 'list'], env, []);
    expect(onTty.code).toBe(0);
    expect(onTty.output).toContain('Listing Bedrock models…');
    expect(plainText(onTty.output)).toMatch(/Model +Input +Context/);
    const piped = await runCli(['models', 'list', '--refresh'], { env });
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain('Listing Bedrock models');
  });

  it('colours a terminal, and NO_COLOR turns it off there too', async () => {
    const home = tempHome();
    const coloured = await runInPty(
      ['models', 'status'],
      { ...cleanEnv(home, emulator.env()), NO_COLOR: '' },
      [],
    );
    expect(coloured.output).toContain('\u001b[1mCredentials');
    const plain = await runInPty(['models', 'status'], cleanEnv(home, emulator.env()), []);
    expect(plain.output).not.toContain('\u001b[1m');
    expect(plain.output).toContain('Credentials');
  });

  it('`config init` asks on a terminal, showing each default', async () => {
    const home = tempHome();
    const result = await runInPty(['config', 'init', '-o', 'asked.json5'], cleanEnv(home), [
      { expect: 'Config file \\(', send: '\r' },
      { expect: 'AWS region \\(us-east-1\\): ', send: 'ap-southeast-2\r' },
      { expect: 'Default model ref', send: 'amazon-bedrock/amazon.nova-lite-v1:0\r' },
      { expect: 'automatically\\? y/n \\(y\\): ', send: 'n\r' },
    ]);
    expect(result.code).toBe(0);
    expect(plainText(result.output)).toContain(`Wrote ${home}/asked.json5`);
    const validate = await runCli(['--config', 'asked.json5', 'models', 'status', '--json'], {
      env: cleanEnv(home),
    });
    const status = JSON.parse(validate.stdout) as {
      region: { region: string };
      discovery: { enabled: boolean };
    };
    expect(status.region.region).toBe('ap-southeast-2');
    expect(status.discovery.enabled).toBe(false);
  });
});
