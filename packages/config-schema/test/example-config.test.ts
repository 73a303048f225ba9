// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the example holds literal ${VAR} references
// examples/outcrop.example.json5 is documentation users copy: it must load, use every section and point its
// $schema at the committed JSON Schema.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { agentModels, ConfigError, configJsonSchema, loadConfig, resolveModelRef } from '../src/index.js';

const examplePath = fileURLToPath(new URL('../../../examples/outcrop.example.json5', import.meta.url));

describe('examples/outcrop.example.json5', () => {
  it('loads with the gateway token from the environment and uses every section', async () => {
    const { config, source } = await loadConfig({
      path: examplePath,
      env: { OUTCROP_GATEWAY_TOKEN: 'example-token-123' },
    });
    expect(source).toBe('argument');
    expect(config.gateway.auth.tokens).toEqual(['example-token-123']);
    expect(config.gateway.limits.maxConcurrentPerToken).toBe(128);
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
  });

  it('sets every key the schema knows, except secrets and endpoint overrides shown as comments', () => {
    const text = readFileSync(examplePath, 'utf8');
    const missing = missingKeys(configJsonSchema() as SchemaNode, [JSON5.parse(text)], '');
    expect(missing).toEqual([
      'models.providers.*.baseUrl',
      'models.providers.*.apiKey',
      'models.routes.*.targets[].baseUrl',
      'gateway.adminToken',
      'gateway.database.url',
      'gateway.database.path',
      'gateway.redis.url',
      'gateway.telemetry.enabled',
      'gateway.telemetry.serviceName',
      'gateway.telemetry.otlp.endpoint',
      'gateway.telemetry.otlp.protocol',
    ]);
    expect(text).toContain("// endpoint: 'http://127.0.0.1:4318'");
    expect(text).toContain("// adminToken: '${OUTCROP_ADMIN_TOKEN}'");
    expect(text).toContain("// url: '${DATABASE_URL}'");
    expect(text).toContain('// path: ');
    expect(text).toContain("// url: '${OUTCROP_REDIS_URL}'");
    expect(text).toContain("// apiKey: '${AWS_BEARER_TOKEN_BEDROCK}'");
    expect(text).toContain("// baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com'");
    expect(text).toContain("// baseUrl: 'https://vpce-0abc.bedrock-runtime.us-west-2.vpce.amazonaws.com'");
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

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
}

/** Schema keys that none of `values` sets; in records and arrays, any entry setting a key counts. */
function missingKeys(schema: SchemaNode, values: unknown[], path: string): string[] {
  const node = (schema.anyOf ?? [schema]).find((option) => option.properties || option.items);
  const objects = values.filter((value): value is object => value !== null && typeof value === 'object');
  if (!node || objects.length === 0) return [];
  if (node.items) return missingKeys(node.items, objects.flat(), `${path}[]`);
  const missing: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    const present = objects
      .filter((entry) => key in entry)
      .map((entry) => (entry as Record<string, unknown>)[key]);
    const record = typeof child.additionalProperties === 'object' ? child.additionalProperties : undefined;
    if (present.length === 0) missing.push(childPath);
    else if (record)
      missing.push(
        ...missingKeys(
          record,
          present.flatMap((entry) => Object.values(entry ?? {})),
          `${childPath}.*`,
        ),
      );
    else missing.push(...missingKeys(child, present, childPath));
  }
  return missing;
}
