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
  /** A Bedrock guardrail, first class: maps to guardrailConfig (and guardContent for `guard: 'last-user-turn'`). */
  guardrail: z
    .strictObject({
      id: z.string().min(1),
      version: z.string().regex(/^([1-9][0-9]{0,7}|DRAFT)$/, "a version number or 'DRAFT'"),
      trace: z.enum(['enabled', 'disabled', 'enabled_full']).optional(),
      streamProcessingMode: z.enum(['sync', 'async']).optional(),
      /** 'last-user-turn': only the newest user text is assessed (guardContent blocks); default all input. */
      guard: z.enum(['all', 'last-user-turn']).optional(),
    })
    .optional(),
  serviceTier: z.strictObject({ type: z.enum(['default', 'flex', 'priority', 'reserved']) }).optional(),
  performanceConfig: z.strictObject({ latency: z.enum(['standard', 'optimized']) }).optional(),
  // Bedrock API reference, ConverseStream `requestMetadata`: at most 16 pairs, keys 1-256 and values 0-256
  // characters of [a-zA-Z0-9\s:_@$#=/+,-.].
  requestMetadata: z
    .record(
      z
        .string()
        .regex(/^[a-zA-Z0-9\s:_@$#=/+,.-]{1,256}$/, 'keys: 1-256 of letters, digits, spaces and :_@$#=/+,-.'),
      z
        .string()
        .regex(
          /^[a-zA-Z0-9\s:_@$#=/+,.-]{0,256}$/,
          'values: up to 256 of letters, digits, spaces and :_@$#=/+,-.',
        ),
    )
    .refine((value) => Object.keys(value).length <= 16, 'at most 16 entries')
    .optional(),
  additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
  // Converse `projectIdentifier` (SDK 3.1178.0 model): the id or ARN of a project, or 'default'.
  projectIdentifier: z
    .string()
    .regex(/^[a-zA-Z0-9_:/.-]{1,2048}$/, 'a project id or ARN (letters, digits and _:/.-)')
    .optional(),
  /** false: skip the pre-flight capability checks and let Bedrock decide (for models the table has wrong). */
  preflight: z.boolean().optional(),
  /** Retry once on the default tier when Bedrock answers that flex capacity is unavailable. */
  flexFallback: z.boolean().optional(),
  /** 'native' (outputConfig.textFormat), 'tool' (a forced tool call) or 'auto' (native where the model has it). */
  structuredOutputMode: z.enum(['auto', 'native', 'tool']).optional(),
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
