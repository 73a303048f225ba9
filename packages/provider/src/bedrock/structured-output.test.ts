import { describe, expect, it } from 'vitest';
import type { BedrockConverseRequest } from './bedrock-types.js';
import { applyStructuredOutput, reduceSchema, STRUCTURED_TOOL_NAME } from './structured-output.js';

describe('reduceSchema', () => {
  it('drops what Bedrock rejects at any depth, closes objects, and keeps the rest', () => {
    const { schema, dropped } = reduceSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string', maxLength: 9 }, minItems: 2, maxItems: 5 },
        one: { type: 'array', items: { type: 'integer' }, minItems: 1 },
        pick: { anyOf: [{ type: 'number', minimum: 0 }, { $ref: '#/$defs/point' }] },
      },
      required: ['tags'],
      additionalProperties: true,
      $defs: { point: { type: 'object', properties: { x: { type: 'number', multipleOf: 2 } } } },
    });
    expect(dropped.sort()).toEqual(
      [
        '/$schema',
        '/properties/tags/items/maxLength',
        '/properties/tags/minItems',
        '/properties/tags/maxItems',
        '/properties/pick/anyOf/0/minimum',
        '/$defs/point/properties/x/multipleOf',
        '/additionalProperties',
      ].sort(),
    );
    expect(schema).toEqual({
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string' } },
        one: { type: 'array', items: { type: 'integer' }, minItems: 1 },
        pick: { anyOf: [{ type: 'number' }, { $ref: '#/$defs/point' }] },
      },
      required: ['tags'],
      additionalProperties: false,
      $defs: {
        point: { type: 'object', properties: { x: { type: 'number' } }, additionalProperties: false },
      },
    });
  });
});

describe('applyStructuredOutput', () => {
  const request = (): BedrockConverseRequest => ({ modelId: 'm', messages: [] });
  const format = { type: 'json' as const, schema: { type: 'object', properties: {} } };

  it('sends the schema as a JSON string for native models', () => {
    const r = request();
    const plan = applyStructuredOutput(r, format, {
      native: true,
      mode: 'auto',
      thinking: false,
      canForce: true,
    });
    expect(plan.mode).toBe('native');
    expect(JSON.parse(r.outputConfig!.textFormat.structure.jsonSchema.schema)).toEqual({
      type: 'object',
      properties: {},
      additionalProperties: false,
    });
  });

  it('forces the tool when it can, and uses auto under thinking or for models that take only auto', () => {
    const forced = request();
    applyStructuredOutput(forced, format, { native: false, mode: 'auto', thinking: false, canForce: true });
    expect(forced.toolConfig?.toolChoice).toEqual({ tool: { name: STRUCTURED_TOOL_NAME } });
    const thinking = request();
    applyStructuredOutput(thinking, format, { native: false, mode: 'auto', thinking: true, canForce: true });
    expect(thinking.toolConfig?.toolChoice).toEqual({ auto: {} });
    const autoOnly = request();
    applyStructuredOutput(autoOnly, format, { native: true, mode: 'tool', thinking: false, canForce: false });
    expect(autoOnly.outputConfig).toBeUndefined();
    expect(autoOnly.toolConfig?.toolChoice).toEqual({ auto: {} });
  });

  it('rejects a bad format or name, and tools alongside the tool fallback', () => {
    expect(() =>
      applyStructuredOutput(
        request(),
        { type: 'json', schema: format.schema, name: 'has space' },
        {
          native: true,
          mode: 'auto',
          thinking: false,
          canForce: true,
        },
      ),
    ).toThrow(/responseFormat.name/);
    const withTools: BedrockConverseRequest = {
      ...request(),
      toolConfig: { tools: [{ toolSpec: { name: 't', inputSchema: { json: {} } } }] },
    };
    expect(() =>
      applyStructuredOutput(withTools, format, {
        native: false,
        mode: 'auto',
        thinking: false,
        canForce: true,
      }),
    ).toThrow(/native structured output/);
  });
});
