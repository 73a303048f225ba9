import { z } from 'zod';
import { outcropConfigSchema } from './schema.js';

/**
 * JSON Schema (draft-07, which editors support best) of the config as written: the input side, so keys
 * with defaults are optional. Committed as `outcrop.schema.json`; `pnpm generate:schema` rewrites it.
 */
export function configJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(outcropConfigSchema, {
    io: 'input',
    target: 'draft-7',
    unrepresentable: 'any',
  });
  return {
    ...schema,
    title: 'Outcrop config',
    description: 'outcrop.json5: model providers, Bedrock discovery, agent defaults and the gateway',
  };
}

/** The committed file's exact text. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
