// The committed outcrop.schema.json is what editors read: it must match the zod schemas exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configJsonSchemaText, parseConfig } from '../src/index.js';

interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  additionalProperties?: boolean | JsonSchemaNode;
  default?: unknown;
}

const committed = readFileSync(new URL('../outcrop.schema.json', import.meta.url), 'utf8');

describe('outcrop.schema.json', () => {
  it('is up to date with the zod schemas (run `pnpm --filter @outcrop/config-schema generate:schema`)', () => {
    expect(committed).toBe(configJsonSchemaText());
  });

  it('describes the input side: defaulted keys are optional and show their defaults', () => {
    const schema = configJsonSchema() as JsonSchemaNode;
    const gateway = schema.properties?.gateway;
    expect(gateway?.required ?? []).toEqual([]);
    expect(gateway?.properties?.port?.default).toBe(4141);
    const limits = gateway?.properties?.limits;
    expect(limits?.properties?.maxBodyBytes?.default).toBe(1_048_576);
    const discovery = schema.properties?.models?.properties?.bedrockDiscovery;
    expect(discovery?.properties?.refreshInterval?.default).toBe(3600);
    expect(discovery?.required ?? []).toEqual([]);
  });

  it('rejects unknown keys like the loader, and allows $schema', () => {
    const schema = configJsonSchema() as JsonSchemaNode;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.gateway?.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties ?? {})).toContain('$schema');
    expect(parseConfig("{ $schema: './outcrop.schema.json' }", { env: {} }).$schema).toBe(
      './outcrop.schema.json',
    );
  });
});
