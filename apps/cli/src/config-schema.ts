import type { CommandContext } from './command-context.js';
import * as upstream from './upstream.js';

/** Prints the config's JSON Schema (also committed as packages/config-schema/outcrop.schema.json). */
export async function runConfigSchema(context: CommandContext): Promise<number> {
  const { configJsonSchemaText } = await upstream.configSchema();
  const text = configJsonSchemaText();
  context.term.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}
