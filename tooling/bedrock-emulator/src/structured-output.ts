// Structured output (outputConfig.textFormat, json_schema): the schema is checked as Claude on Bedrock checks
// it, and the reply is a deterministic value that conforms to it.
import { type AwsError, awsError } from './http-io.js';
import type { ConverseBody } from './request-body.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  $defs?: Record<string, Schema>;
  definitions?: Record<string, Schema>;
  minItems?: number;
  format?: string;
  [keyword: string]: unknown;
};

// Keywords Claude's structured outputs reject, by type. Wording seen on Bedrock for `maxItems`
// (vectorize-io/hindsight #2500: "output_config.format.schema: For 'array' type, property 'maxItems' is not
// supported"); the others follow Anthropic's list of unsupported constraints.
const UNSUPPORTED: Record<string, string[]> = {
  array: ['maxItems', 'uniqueItems'],
  number: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  integer: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'],
  string: ['minLength', 'maxLength'],
};

const fromModel = (message: string) =>
  awsError('ValidationException', `The model returned the following errors: ${message}`);

/** The JSON schema of `outputConfig.textFormat`, when one is requested. */
export function outputSchema(body: ConverseBody): string | undefined {
  const format = (
    body.outputConfig as { textFormat?: { structure?: { jsonSchema?: { schema?: unknown } } } } | undefined
  )?.textFormat;
  const schema = format?.structure?.jsonSchema?.schema;
  return typeof schema === 'string' ? schema : undefined;
}

function unsupported(schema: Schema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  for (const type of types) {
    const keyword = (UNSUPPORTED[type] ?? []).find((key) => schema[key] !== undefined);
    if (keyword) return `For '${type}' type, property '${keyword}' is not supported`;
  }
  const children = [
    ...Object.values(schema.properties ?? {}),
    ...(schema.items ? [schema.items] : []),
    ...(schema.anyOf ?? []),
    ...(schema.oneOf ?? []),
    ...Object.values(schema.$defs ?? {}),
    ...Object.values(schema.definitions ?? {}),
  ];
  for (const child of children) {
    if (child && typeof child === 'object') {
      const found = unsupported(child);
      if (found) return found;
    }
  }
  return undefined;
}

/** Rejects a schema that is not JSON, not an object, or uses a keyword Claude does not support. */
export function checkOutputSchema(body: ConverseBody): AwsError | undefined {
  const text = outputSchema(body);
  if (text === undefined) return undefined;
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    // Not verified (README).
    return fromModel('output_config.format.schema: Invalid JSON in schema');
  }
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) {
    return fromModel('output_config.format.schema: Input should be a valid dictionary');
  }
  const found = unsupported(schema as Schema);
  return found ? fromModel(`output_config.format.schema: ${found}`) : undefined;
}

/** A value that conforms to the schema, derived deterministically from `seed` (the prompt). */
export function sampleValue(
  schema: unknown,
  seed: string,
  root: Schema = schema as Schema,
  depth = 0,
): unknown {
  const s = (schema ?? {}) as Schema;
  if (depth > 8) return null;
  if (s.$ref) {
    const name = s.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    return sampleValue(root.$defs?.[name] ?? root.definitions?.[name], seed, root, depth + 1);
  }
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const variants = s.anyOf ?? s.oneOf;
  if (variants?.length) return sampleValue(variants[0], seed, root, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date-time') return '2024-01-01T00:00:00Z';
      if (s.format === 'date') return '2024-01-01';
      if (s.format === 'email') return 'user@example.com';
      if (s.format === 'uri') return 'https://example.com/';
      return seed.slice(0, 40) || 'value';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () =>
        sampleValue(s.items, seed, root, depth + 1),
      );
    default: {
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(s.properties ?? {}))
        out[key] = sampleValue(sub, seed, root, depth + 1);
      return out;
    }
  }
}
