// The answer to a responseFormat call, parsed and validated against the caller's full schema (zod's
// JSON Schema reader), so keywords a provider could not send are still enforced here.
import { z } from 'zod';
import { ProviderError } from './errors.js';
import type { ResponseFormat } from './spec.js';

const mismatchMarker = Symbol.for('outcrop.error.output_mismatch');

/** The structured answer is not JSON, or not of the schema. `rawText` is the answer as it came. */
export class StructuredOutputError extends ProviderError {
  readonly [mismatchMarker] = true;
  readonly rawText: string;
  /** Where and how the value misses the schema (empty when it is not JSON at all). */
  readonly issues: Array<{ path: string; message: string }>;

  constructor(
    message: string,
    rawText: string,
    issues: Array<{ path: string; message: string }>,
    cause?: unknown,
  ) {
    super('output_mismatch', message, { location: 'responseFormat.schema', ...(cause ? { cause } : {}) });
    this.name = 'StructuredOutputError';
    this.rawText = rawText;
    this.issues = issues;
  }

  static override isInstance(value: unknown): value is StructuredOutputError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[mismatchMarker] === true
    );
  }
}

const compiled = new WeakMap<object, z.ZodType>();

function validatorFor(schema: Record<string, unknown>): z.ZodType {
  let validator = compiled.get(schema);
  if (!validator) {
    try {
      validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch (error) {
      throw new ProviderError(
        'invalid_options',
        `responseFormat.schema is not a usable JSON Schema: ${(error as Error).message}`,
        {
          location: 'options.responseFormat.schema',
          cause: error,
        },
      );
    }
    compiled.set(schema, validator);
  }
  return validator;
}

export function parseStructuredOutput(text: string, format: ResponseFormat): unknown {
  const validator = validatorFor(format.schema);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StructuredOutputError(`The answer is not JSON: ${(error as Error).message}`, text, [], error);
  }
  const result = validator.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = issues[0]!;
  throw new StructuredOutputError(
    `The answer does not match the schema: ${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    text,
    issues,
  );
}
