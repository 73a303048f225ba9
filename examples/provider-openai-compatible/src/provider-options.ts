// providerOptions[<provider key>] for this provider, validated with its own schema: a third party's
// extras never reach the wire unchecked, and a mistake names its path.
import { ProviderError } from '@outcrop/provider';
import { z } from 'zod';

export const chatProviderOptionsSchema = z.strictObject({
  /** OpenAI `user`: an end-user id for abuse monitoring. */
  user: z.string().min(1).max(256).optional(),
  seed: z.number().int().optional(),
  /** Merged into the request body last, for server-specific fields. */
  extraBody: z.record(z.string(), z.unknown()).optional(),
});

export type ChatProviderOptions = z.infer<typeof chatProviderOptionsSchema>;

export function parseChatProviderOptions(
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  providerKey: string,
): ChatProviderOptions {
  const raw = providerOptions?.[providerKey];
  if (raw === undefined) return {};
  const parsed = chatProviderOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map(
    (i) => `${['providerOptions', providerKey, ...i.path].join('.')}: ${i.message}`,
  );
  throw new ProviderError('invalid_options', `Invalid provider options: ${issues.join('; ')}`, {
    location: `providerOptions.${providerKey}`,
  });
}
