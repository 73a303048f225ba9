// providerOptions['amazon-bedrock']: validated here, passed to Converse as is.
import { z } from 'zod';
import { ProviderError } from '../errors.js';

export const bedrockProviderOptionsSchema = z.strictObject({
  guardrailConfig: z
    .strictObject({
      guardrailIdentifier: z.string().min(1),
      guardrailVersion: z.string().min(1),
      trace: z.enum(['enabled', 'disabled', 'enabled_full']).optional(),
      streamProcessingMode: z.enum(['sync', 'async']).optional(),
    })
    .optional(),
  serviceTier: z.strictObject({ type: z.enum(['default', 'flex', 'priority', 'reserved']) }).optional(),
  performanceConfig: z.strictObject({ latency: z.enum(['standard', 'optimized']) }).optional(),
  // Bedrock: at most 16 pairs, keys 1-256 characters, values up to 256.
  requestMetadata: z
    .record(z.string().min(1).max(256), z.string().max(256))
    .refine((value) => Object.keys(value).length <= 16, 'at most 16 entries')
    .optional(),
  additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
});

export type BedrockProviderOptions = z.infer<typeof bedrockProviderOptionsSchema>;

/** Reads and validates the options keyed by the model's provider (or 'amazon-bedrock'). */
export function parseBedrockProviderOptions(
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  providerKey: string,
): BedrockProviderOptions {
  const key = providerOptions?.[providerKey] !== undefined ? providerKey : 'amazon-bedrock';
  const raw = providerOptions?.[key];
  if (raw === undefined) return {};
  const parsed = bedrockProviderOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map(
    (issue) => `${['providerOptions', key, ...issue.path].join('.')}: ${issue.message}`,
  );
  throw new ProviderError('invalid_options', `Invalid Bedrock provider options: ${issues.join('; ')}`, {
    location: `providerOptions.${key}`,
  });
}
