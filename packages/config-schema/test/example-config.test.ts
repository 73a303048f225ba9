// examples/outcrop.example.json5 is documentation users copy: it must load, use every section and point its
// $schema at the committed JSON Schema.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agentModels, ConfigError, loadConfig, resolveModelRef } from '../src/index.js';

const examplePath = fileURLToPath(new URL('../../../examples/outcrop.example.json5', import.meta.url));

describe('examples/outcrop.example.json5', () => {
  it('loads with the gateway token from the environment and uses every section', async () => {
    const { config, source } = await loadConfig({
      path: examplePath,
      env: { OUTCROP_GATEWAY_TOKEN: 'example-token-123' },
    });
    expect(source).toBe('argument');
    expect(config.gateway.auth.tokens).toEqual(['example-token-123']);
    expect(config.gateway.limits.maxConcurrentPerToken).toBe(16);
    expect(config.models.bedrockDiscovery.enabled).toBe(true);
    expect(config.models.providers['amazon-bedrock']?.models.length).toBeGreaterThan(0);
    expect(agentModels(config)).toEqual({
      primary: 'amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      fallbacks: ['nova'],
    });
    expect(resolveModelRef('nova', { config })).toEqual({
      provider: 'amazon-bedrock',
      model: 'amazon.nova-pro-v1:0',
    });
    expect(Object.keys(config).sort()).toEqual(['$schema', 'agents', 'gateway', 'models']);
  });

  it('names the missing gateway token variable', async () => {
    const error = await loadConfig({ path: examplePath, env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((issue) => issue.message)).toEqual([
      'environment variable OUTCROP_GATEWAY_TOKEN is not set',
    ]);
    expect((error as ConfigError).issues[0]?.path).toBe('gateway.auth.tokens[0]');
  });

  it('points $schema at the committed schema file', async () => {
    const { config } = await loadConfig({ path: examplePath, env: { OUTCROP_GATEWAY_TOKEN: 't' } });
    const schemaPath = path.resolve(path.dirname(examplePath), config.$schema ?? '');
    expect(existsSync(schemaPath)).toBe(true);
    expect(JSON.parse(readFileSync(schemaPath, 'utf8')).title).toBe('Outcrop config');
  });
});
