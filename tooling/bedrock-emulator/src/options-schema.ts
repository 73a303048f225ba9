// Validates startEmulator() options, so a bad option fails at start with its path, not later at a request.
import { z } from 'zod';
import type { EmulatorOptions } from './types.js';

const credential = z.object({
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  sessionToken: z.string().min(1).optional(),
  expiresAt: z.date().optional(),
  deniedModels: z.array(z.string()).optional(),
  deniedActions: z
    .array(z.string().regex(/^bedrock:[A-Za-z]+$/, "an IAM action such as 'bedrock:InvokeModel'"))
    .optional(),
});

const optionsSchema = z.object({
  host: z.string().min(1).optional(),
  port: z.number().int().min(0).max(65535).optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]{2,32}$/, 'a region such as us-east-1')
    .optional(),
  credentials: z.array(credential).optional(),
  bearerTokens: z.array(z.string().min(1)).optional(),
  catalog: z
    .object({
      models: z.array(
        z
          .object({
            modelId: z.string().min(1),
            modelName: z.string(),
            providerName: z.string(),
            inputModalities: z.array(z.string()),
            outputModalities: z.array(z.string()),
            responseStreamingSupported: z.boolean(),
            inferenceTypesSupported: z.array(z.enum(['ON_DEMAND', 'PROVISIONED', 'INFERENCE_PROFILE'])),
            regions: z.array(z.string()).optional(),
            profiles: z.array(z.enum(['us', 'eu', 'apac', 'global', 'us-gov', 'jp', 'au'])).optional(),
            maxOutputTokens: z.number().int().min(1).optional(),
          })
          .passthrough(),
      ),
      applicationProfiles: z
        .array(
          z
            .object({ id: z.string().min(1), name: z.string(), region: z.string(), copyFrom: z.string() })
            .passthrough(),
        )
        .optional(),
      promptRouters: z
        .array(
          z
            .object({
              id: z.string().min(1),
              name: z.string(),
              region: z.string(),
              type: z.enum(['default', 'custom']),
              models: z.array(z.string().min(1)).min(1),
              fallbackModel: z.string().min(1),
              responseQualityDifference: z.number().min(0).max(100),
            })
            .passthrough()
            .refine((router) => router.models.includes(router.fallbackModel), {
              message: 'fallbackModel must be one of models',
              path: ['fallbackModel'],
            }),
        )
        .optional(),
      accountId: z
        .string()
        .regex(/^\d{12}$/, 'a 12-digit account id')
        .optional(),
    })
    .optional(),
  eventDelayMs: z.number().min(0).optional(),
  record: z.boolean().optional(),
  allowNonLoopback: z.boolean().optional(),
  quotas: z
    .object({
      tokensPerMinute: z.number().int().min(1).optional(),
      requestsPerMinute: z.number().int().min(1).optional(),
      models: z
        .record(
          z.string(),
          z.object({
            tokensPerMinute: z.number().int().min(1).optional(),
            requestsPerMinute: z.number().int().min(1).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  clock: z
    .custom<() => number>((value) => typeof value === 'function', 'a function returning milliseconds')
    .optional(),
  guardrails: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9]+$/, 'a guardrail id such as gr1abc'),
        version: z.string().regex(/^([1-9][0-9]{0,7}|DRAFT)$/, "a version number or 'DRAFT'"),
        blockedWords: z.array(z.string().min(1)),
        blockedInputMessaging: z.string().min(1).optional(),
        blockedOutputsMessaging: z.string().min(1).optional(),
      }),
    )
    .optional(),
});

export class EmulatorOptionsError extends Error {
  readonly code = 'emulator_options_invalid';
}

export function checkOptions(options: EmulatorOptions): void {
  const parsed = optionsSchema.safeParse(options);
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  // Never echo a value: credentials are secrets.
  throw new EmulatorOptionsError(`startEmulator: options.${issue.path.join('.')}: ${issue.message}`);
}
