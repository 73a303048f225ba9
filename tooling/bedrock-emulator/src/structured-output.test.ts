import { describe, expect, it } from 'vitest';
import { checkOutputSchema, sampleValue } from './structured-output.js';

const body = (schema: string) => ({
  outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema } } } },
});

describe('sampleValue', () => {
  it('fills every property with a value of its type, following $ref and enum', () => {
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        count: { type: 'integer' },
        ok: { type: 'boolean' },
        kind: { enum: ['x', 'y'] },
        when: { type: 'string', format: 'date' },
        item: { $ref: '#/$defs/item' },
        list: { type: 'array', items: { type: 'number' }, minItems: 2 },
        maybe: { anyOf: [{ type: 'null' }, { type: 'string' }] },
      },
      $defs: { item: { type: 'object', properties: { id: { type: 'string' } } } },
    };
    expect(sampleValue(schema, 'seed')).toEqual({
      name: 'seed',
      count: 1,
      ok: true,
      kind: 'x',
      when: '2024-01-01',
      item: { id: 'seed' },
      list: [1, 1],
      maybe: null,
    });
  });
});

describe('checkOutputSchema', () => {
  it('accepts a plain object schema and nothing when no format is asked', () => {
    expect(checkOutputSchema(body('{"type":"object"}'))).toBeUndefined();
    expect(checkOutputSchema({})).toBeUndefined();
  });
  it('names the unsupported keyword and its type', () => {
    expect(
      checkOutputSchema(body('{"type":"object","properties":{"n":{"type":"string","maxLength":3}}}'))
        ?.message,
    ).toBe(
      "The model returned the following errors: output_config.format.schema: For 'string' type, property 'maxLength' is not supported",
    );
  });
  it('refuses a schema that is not an object', () => {
    expect(checkOutputSchema(body('[1]'))?.message).toMatch(/Input should be a valid dictionary/);
  });
});
