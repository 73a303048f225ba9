// Model-native (InvokeModel) bodies are checked against each model's JSON schema. Bedrock reports the first
// violation in the wording of its schema validator, e.g. "Malformed input request: #/messages/0/content/0:
// extraneous key [type] is not permitted, please reformat your input and try again." (seen in public reports:
// pingcap/autoflow #574, crmne/ruby_llm #586). zod issues are rewritten into that form.
import type { z } from 'zod';
import { type AwsError, awsError } from './http-io.js';

const TAIL = 'please reformat your input and try again.';

function pointer(path: PropertyKey[]): string {
  return ['#', ...path.map(String)].join('/');
}

function typeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  if (typeof value === 'object') return 'JSONObject';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
  return typeof value === 'string' ? 'String' : 'Boolean';
}

const EXPECTED: Record<string, string> = {
  string: 'String',
  number: 'Number',
  int: 'Integer',
  boolean: 'Boolean',
  array: 'JSONArray',
  object: 'JSONObject',
};

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/** The located message of the first issue, in Bedrock's words. */
export function malformedMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path;
  const at = pointer(path);
  const value = valueAt(input, path);
  if (value === undefined && path.length > 0 && issue.code !== 'unrecognized_keys') {
    return `Malformed input request: ${pointer(path.slice(0, -1))}: required key [${String(path.at(-1))}] not found, ${TAIL}`;
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Malformed input request: ${at}: extraneous key [${issue.keys[0]}] is not permitted, ${TAIL}`;
    case 'invalid_type':
      return `Malformed input request: ${at}: expected type: ${EXPECTED[issue.expected] ?? issue.expected}, found: ${typeName(value)}, ${TAIL}`;
    case 'invalid_value':
      return `Malformed input request: ${at}: ${JSON.stringify(value)} is not a valid enum value, ${TAIL}`;
    case 'too_small':
      return `Malformed input request: ${at}: ${issue.origin === 'array' || issue.origin === 'string' ? `expected minimum item count: ${issue.minimum}, found: ${(value as { length?: number })?.length ?? 0}` : `${String(value)} is not greater or equal to ${issue.minimum}`}, ${TAIL}`;
    case 'too_big':
      return `Malformed input request: ${at}: ${issue.origin === 'array' || issue.origin === 'string' ? `expected maximum item count: ${issue.maximum}, found: ${(value as { length?: number })?.length ?? 0}` : `${String(value)} is not less or equal to ${issue.maximum}`}, ${TAIL}`;
    default:
      return `Malformed input request: ${at}: ${issue.message}, ${TAIL}`;
  }
}

/** Parses `input` with `schema`, or Bedrock's ValidationException for the first violation. */
export function parseModelBody<T>(schema: z.ZodType<T>, input: unknown): { body: T } | { error: AwsError } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { body: parsed.data };
  return { error: awsError('ValidationException', malformedMessage(parsed.error.issues[0]!, input)) };
}
