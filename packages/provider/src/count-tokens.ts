// Outcrop's countTokens(): the provider's own count where it has one (Bedrock CountTokens), else a labelled
// estimate of 4 characters a token over every text, argument and tool definition of the context.
import type { CallOptions, Context, ModelSpec, ProviderV1, TokenCount } from './spec.js';

export async function countTokensWith(
  provider: ProviderV1,
  model: ModelSpec,
  context: Context,
  options: CallOptions = {},
): Promise<TokenCount> {
  if (provider.countTokens) return provider.countTokens(model, context, options);
  return { inputTokens: estimateContextTokens(context), source: 'estimate' };
}

export function estimateContextTokens(context: Context): number {
  let chars = 0;
  const json = (value: unknown) => JSON.stringify(value ?? null)?.length ?? 0;
  for (const text of Array.isArray(context.system) ? context.system : [context.system ?? ''])
    chars += text.length;
  for (const tool of context.tools ?? []) {
    chars += tool.name.length + (tool.description?.length ?? 0) + json(tool.parameters);
  }
  for (const message of context.messages ?? []) {
    if (typeof message.content === 'string') {
      chars += message.content.length;
      continue;
    }
    for (const block of message.content) {
      if (block.type === 'text' || block.type === 'reasoning') chars += block.text.length;
      else if (block.type === 'tool-call') chars += block.toolName.length + json(block.arguments);
    }
  }
  return Math.ceil(chars / 4);
}
