import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, parseJson, runCli, tempHome } from './cli.js';

function homeWithConfig(text: string): string {
  const home = tempHome();
  mkdirSync(path.join(home, '.outcrop'), { recursive: true });
  writeFileSync(path.join(home, '.outcrop', 'config.json5'), text);
  return home;
}

const INVALID = `{
  // a comment, JSON5 style
  gateway: { port: "eighty" },
  models: { bedrockDiscovery: { refreshInterval: -5 } },
}
`;

describe('outcrop config validate', () => {
  it('a valid file: exit 0', async () => {
    const home = homeWithConfig('{ gateway: { port: 8080 } }');
    const result = await runCli(['config', 'validate'], { env: cleanEnv(home) });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`✓ ${path.join(home, '.outcrop', 'config.json5')} is valid\n`);
  });

  it('no file at all: exit 0, defaults apply, and a hint to create one', async () => {
    const result = await runCli(['config', 'validate'], { env: cleanEnv(tempHome()) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^No config file found/);
    expect(result.stderr).toContain('outcrop config init');
  });

  it('an invalid file: exit 3 and every problem located by file, line, column and key', async () => {
    const home = homeWithConfig(INVALID);
    const result = await runCli(['config', 'validate'], { env: cleanEnv(home) });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^✗ 2 problems:\n/);
    expect(result.stdout).toMatch(/config\.json5:3:\d+ {2}gateway\.port: /);
    expect(result.stdout).toMatch(/config\.json5:4:\d+ {2}models\.bedrockDiscovery\.refreshInterval: /);
    const json = parseJson<{ valid: boolean; issues: Array<{ path: string; line?: number }> }>(
      await runCli(['config', 'validate', '--json'], { env: cleanEnv(home) }),
    );
    expect(json.valid).toBe(false);
    expect(json.issues.map((issue) => [issue.path, issue.line])).toEqual([
      ['gateway.port', 3],
      ['models.bedrockDiscovery.refreshInterval', 4],
    ]);
  });

  it('validates a file named as an argument; a missing one is exit 3', async () => {
    const home = tempHome();
    writeFileSync(path.join(home, 'other.json5'), '{ nonsense: true }');
    const bad = await runCli(['config', 'validate', 'other.json5'], { env: cleanEnv(home) });
    expect(bad.code).toBe(3);
    expect(bad.stdout).toContain('nonsense');
    const missing = await runCli(['config', 'validate', 'nope.json5'], { env: cleanEnv(home) });
    expect(missing.code).toBe(3);
  });

  it('any other command on an invalid config fails with exit 3, one located line and a hint', async () => {
    const home = homeWithConfig(INVALID);
    const result = await runCli(['models', 'status'], { env: cleanEnv(home) });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^error: invalid config: .*config\.json5:3:\d+: gateway\.port: .* \(and 1 more\)\nhint: run `outcrop config validate`/,
    );
  });
});

describe('outcrop config validate: api', () => {
  it('a provider api no implementation registers is a config error with a did-you-mean, not exit 5 later', async () => {
    const home = homeWithConfig(
      '{ models: { providers: { "amazon-bedrock": { api: "bedrock-converse", models: [{ id: "amazon.nova-pro-v1:0" }] } } } }',
    );
    const result = await runCli(['config', 'validate'], { env: cleanEnv(home) });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('models.providers.amazon-bedrock.api: unknown api "bedrock-converse"');
    expect(result.stdout).toContain('did you mean "bedrock-converse-stream"?');
    const chat = await runCli(['chat', '-m', 'amazon-bedrock/amazon.nova-pro-v1:0', 'hi'], {
      env: cleanEnv(home),
    });
    expect(chat.code).toBe(3);
  });
});

describe('outcrop config show', () => {
  it('prints the resolved config with defaults and every secret masked', async () => {
    const home = homeWithConfig(`{
      models: { providers: { "amazon-bedrock": { apiKey: "ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQtdmFsdWU=", models: [] } } },
      gateway: { auth: { tokens: ["gateway-token-that-is-secret-123"] } },
    }`);
    const result = await runCli(['config', 'show'], { env: cleanEnv(home) });
    expect(result.code).toBe(0);
    const shown = parseJson<{
      models: {
        providers: Record<string, { apiKey?: string }>;
        bedrockDiscovery: { refreshInterval: number };
      };
      gateway: { port: number; auth: { tokens: string[] } };
    }>(result);
    expect(shown.models.providers['amazon-bedrock']?.apiKey).toBe('ABSK…dWU=');
    expect(shown.gateway.auth.tokens).toEqual(['gate…-123']);
    expect(shown.models.bedrockDiscovery.refreshInterval).toBe(3600);
    expect(shown.gateway.port).toBe(4141);
    expect(result.stdout + result.stderr).not.toContain('gateway-token-that-is-secret-123');
    expect(result.stdout + result.stderr).not.toContain('QmVkcm9ja0FQSUtleS1zZWNyZXQtdmFsdWU');
    expect(result.stderr).toContain('config.json5 (home)');
  });

  it('masks secret-looking headers and every value taken from an environment variable', async () => {
    const home = homeWithConfig(`{
      models: { providers: { "amazon-bedrock": { models: [], headers: {
        "Proxy-Authorization": "Basic cHJveHktdXNlcjpwcm94eS1wYXNz",
        "Cookie": "sid=cookie-value-that-is-secret",
        "X-Auth-Token": "auth-token-that-is-secret",
        "X-Amz-Security-Token": "FwoGZXIvYXdzEXAMPLESESSIONTOKEN",
        "X-Team": "\${TEAM_HEADER}",
        "X-Plain": "plain-value",
      } } } },
    }`);
    const result = await runCli(['config', 'show'], {
      env: cleanEnv(home, { TEAM_HEADER: 'team-value-from-env-42' }),
    });
    expect(result.code).toBe(0);
    const shown = parseJson<{ models: { providers: Record<string, { headers: Record<string, string> }> } }>(
      result,
    );
    const headers = shown.models.providers['amazon-bedrock']?.headers ?? {};
    expect(headers['X-Plain']).toBe('plain-value');
    const output = result.stdout + result.stderr;
    for (const secret of [
      'cHJveHktdXNlcjpwcm94eS1wYXNz',
      'cookie-value-that-is-secret',
      'auth-token-that-is-secret',
      'FwoGZXIvYXdzEXAMPLESESSIONTOKEN',
      'team-value-from-env-42',
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe('outcrop config schema', () => {
  it('prints a JSON Schema of the config', async () => {
    const result = await runCli(['config', 'schema'], { env: cleanEnv(tempHome()) });
    expect(result.code).toBe(0);
    const schema = parseJson<{ $schema?: string; type?: string; properties?: Record<string, unknown> }>(
      result,
    );
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(['models', 'agents', 'gateway']),
    );
  });
});

describe('outcrop config init', () => {
  it('with flags writes a config that validates, and refuses to overwrite without --force', async () => {
    const home = tempHome();
    const env = cleanEnv(home);
    const args = [
      'config',
      'init',
      '-y',
      '--region',
      'eu-west-1',
      '--model',
      'amazon-bedrock/amazon.nova-lite-v1:0',
    ];
    const result = await runCli([...args, '-o', 'outcrop.json5'], { env });
    expect(result.code).toBe(0);
    const file = path.join(home, 'outcrop.json5');
    expect(result.stdout).toBe(`Wrote ${file}\n`);
    expect(readFileSync(file, 'utf8')).toContain('region: "eu-west-1"');
    expect((await runCli(['config', 'validate', file], { env })).code).toBe(0);
    const status = parseJson<{ models: { primary: string }; region: { region: string; source: string } }>(
      await runCli(['models', 'status', '--json'], { env }),
    );
    expect(status.models.primary).toBe('amazon-bedrock/amazon.nova-lite-v1:0');
    expect(status.region).toEqual({ region: 'eu-west-1', source: 'config' });

    const again = await runCli([...args, '-o', 'outcrop.json5'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('hint: pass --force');
    expect((await runCli([...args, '-o', 'outcrop.json5', '--force', '--no-discovery'], { env })).code).toBe(
      0,
    );
    expect(readFileSync(file, 'utf8')).toContain('enabled: false');
    // The default model sits inside `defaults: {`, indented as such.
    expect(readFileSync(file, 'utf8')).toContain(
      '    defaults: {\n      model: { primary: "amazon-bedrock/amazon.nova-lite-v1:0", fallbacks: [] },\n    },',
    );
  });

  it('a bad --region or --model is a usage error (exit 2) naming the flag and value; nothing is written', async () => {
    const home = tempHome();
    const env = cleanEnv(home);
    const region = await runCli(['config', 'init', '-y', '--region', 'mars-1', '-o', 'a.json5'], { env });
    expect(region.code).toBe(2);
    expect(region.stderr).toMatch(/^error: --region "mars-1": expected an AWS region/);
    expect(region.stderr).not.toContain('config validate');
    const model = await runCli(['config', 'init', '-y', '--model', 'foo bar', '-o', 'b.json5'], { env });
    expect(model.code).toBe(2);
    expect(model.stderr).toMatch(/^error: --model "foo bar": /);
    expect(existsSync(path.join(home, 'a.json5')) || existsSync(path.join(home, 'b.json5'))).toBe(false);
  });

  it('defaults to ~/.outcrop/config.json5', async () => {
    const home = tempHome();
    const result = await runCli(['config', 'init', '-y'], { env: cleanEnv(home) });
    expect(result.code).toBe(0);
    expect(existsSync(path.join(home, '.outcrop', 'config.json5'))).toBe(true);
  });
});
