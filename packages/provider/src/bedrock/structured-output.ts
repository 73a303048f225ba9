// responseFormat -> Bedrock: `outputConfig.textFormat` for models with structured output, a forced tool call
// for the rest. Bedrock accepts a subset of JSON Schema (AWS "Get validated JSON results from models" and
// Anthropic's structured-outputs limits: no numeric, length or count constraints, objects closed with
// `additionalProperties: false`); what it would reject is dropped here with a warning. The caller's full schema
// still validates the answer in complete(), so nothing the caller asked for goes unchecked.
import { ProviderError } from '../errors.js';
import type { ResponseFormat } from '../spec.js';
import type { Warning } from '../stream-parts.js';
import type { BedrockConverseRequest, BedrockTool } from './bedrock-types.js';

/** Keywords Bedrock's structured output rejects (vercel/ai #17597 found `maxItems`; the rest are Anthropic's list). */
const UNSUPPORTED = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'patternProperties',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentSchemas',
  'dependentRequired',
  'contains',
  'minContains',
  'maxContains',
  'if',
  'then',
  'else',
  'not',
  '$schema',
  '$id',
]);

/** Keywords whose value is a map of subschemas / a subschema / a list of subschemas. */
const SCHEMA_MAPS = ['properties', '$defs', 'definitions'];
const SCHEMA_VALUES = ['items', 'additionalProperties'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];

export const STRUCTURED_TOOL_NAME = 'structured_output';
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export interface ReducedSchema {
  schema: Record<string, unknown>;
  /** JSON-pointer-ish paths of the keywords left out, e.g. '/properties/tags/maxItems'. */
  dropped: string[];
}

export function reduceSchema(schema: Record<string, unknown>): ReducedSchema {
  const dropped: string[] = [];
  const walk = (node: unknown, path: string): unknown => {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}/${key}`;
      if (UNSUPPORTED.has(key)) {
        dropped.push(at);
      } else if (key === 'minItems' && typeof value === 'number' && value > 1) {
        dropped.push(at); // only 0 and 1 are accepted
      } else if (SCHEMA_MAPS.includes(key) && value && typeof value === 'object') {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, sub]) => [name, walk(sub, `${at}/${name}`)]),
        );
      } else if (SCHEMA_VALUES.includes(key)) {
        out[key] = walk(value, at);
      } else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) {
        out[key] = value.map((sub, i) => walk(sub, `${at}/${i}`));
      } else out[key] = value;
    }
    // Objects must be closed; an open object is rejected.
    if (out.type === 'object' && out.additionalProperties !== false) {
      if (out.additionalProperties !== undefined) dropped.push(`${path}/additionalProperties`);
      out.additionalProperties = false;
    }
    return out;
  };
  return { schema: walk(schema, '') as Record<string, unknown>, dropped };
}

export interface StructuredPlan {
  mode: 'native' | 'tool';
  warnings: Warning[];
  /** The synthetic tool answering in 'tool' mode (its arguments are the answer). */
  toolName?: string;
}

/** Adds outputConfig or the forced tool to the request in place. */
export function applyStructuredOutput(
  request: BedrockConverseRequest,
  format: ResponseFormat,
  options: {
    native: boolean;
    mode: 'auto' | 'native' | 'tool' | undefined;
    thinking: boolean;
    /** The model takes toolChoice `tool` (false: auto plus the single tool). */
    canForce: boolean;
  },
): StructuredPlan {
  if (format?.type !== 'json' || !format.schema || typeof format.schema !== 'object') {
    throw new ProviderError('invalid_options', 'responseFormat must be { type: "json", schema: {...} }.', {
      location: 'options.responseFormat',
    });
  }
  const name = format.name ?? 'response';
  if (!NAME.test(name)) {
    throw new ProviderError('invalid_options', 'responseFormat.name must be 1-64 of [a-zA-Z0-9_-].', {
      location: 'options.responseFormat.name',
    });
  }
  const { schema, dropped } = reduceSchema(format.schema);
  const warnings: Warning[] = dropped.map((path) => ({
    code: 'schema-keyword-dropped',
    setting: 'responseFormat',
    message: `Bedrock structured output does not accept ${path}; it was left out of the request and is checked after the answer.`,
  }));
  const native = options.mode === 'native' || (options.mode !== 'tool' && options.native);
  if (native) {
    request.outputConfig = {
      textFormat: {
        type: 'json_schema',
        structure: {
          jsonSchema: {
            schema: JSON.stringify(schema),
            name,
            ...(format.description ? { description: format.description } : {}),
          },
        },
      },
    };
    return { mode: 'native', warnings };
  }
  // The documented fallback: one tool whose input schema is the answer's schema, and a forced call to it.
  if (request.toolConfig) {
    throw new ProviderError(
      'invalid_options',
      'responseFormat with tools needs a model with native structured output; this model answers through a forced tool call.',
      { location: 'options.responseFormat' },
    );
  }
  const tool: BedrockTool = {
    toolSpec: {
      name: STRUCTURED_TOOL_NAME,
      description: format.description ?? `Answer with the ${name} object.`,
      inputSchema: { json: schema },
    },
  };
  // Thinking forbids a forced tool choice, and some models take only auto: auto plus the single tool then.
  const force = !options.thinking && options.canForce;
  request.toolConfig = {
    tools: [tool],
    toolChoice: force ? { tool: { name: STRUCTURED_TOOL_NAME } } : { auto: {} },
  };
  warnings.push({
    code: 'structured-output-tool',
    setting: 'responseFormat',
    message: 'This model has no native structured output; the answer comes through a forced tool call.',
  });
  return { mode: 'tool', warnings, toolName: STRUCTURED_TOOL_NAME };
}
