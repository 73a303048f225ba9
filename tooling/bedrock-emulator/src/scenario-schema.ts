// What a test can ask of one runtime request. Validated with zod because scenarios also arrive as JSON in a
// header or in a prompt marker.
import { z } from 'zod';

export const STREAM_EXCEPTIONS = [
  'internalServerException',
  'modelStreamErrorException',
  'validationException',
  'throttlingException',
  'serviceUnavailableException',
] as const;
export type StreamExceptionType = (typeof STREAM_EXCEPTIONS)[number];

/** One event keyed by its type, e.g. `{ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } }`.
 * A key ending in `Exception` is sent as a modeled exception frame. */
export type BedrockEvent = Record<string, unknown>;

const count = z.number().int().min(0);
const delayMs = z.number().min(0).max(600_000);

export const scenarioSchema = z.strictObject({
  name: z.string().optional(),
  script: z
    .array(
      z.record(z.string(), z.unknown()).refine((event) => Object.keys(event).length === 1, {
        message: 'each script event has exactly one key: its event type',
      }),
    )
    .optional(),
  reply: z.string().optional(),
  stopReason: z.string().optional(),
  toolCall: z.strictObject({ name: z.string().optional(), input: z.unknown().optional() }).optional(),
  reasoning: z.union([z.boolean(), z.literal('redacted')]).optional(),
  httpError: z
    .strictObject({
      status: z.number().int().min(400).max(599),
      type: z.string().min(1),
      message: z.string().optional(),
      retryAfter: z.string().optional(),
      /** Fail only the first N attempts of the same request content, then answer normally. */
      attempts: z.number().int().min(1).optional(),
    })
    .optional(),
  streamException: z
    .strictObject({ type: z.enum(STREAM_EXCEPTIONS), afterEvents: count, message: z.string().optional() })
    .optional(),
  errorFrame: z.strictObject({ code: z.string(), message: z.string(), afterEvents: count }).optional(),
  truncateAfterEvents: count.optional(),
  badCrcAtEvent: count.optional(),
  stallAfterEvents: count.optional(),
  firstByteDelayMs: delayMs.optional(),
  eventDelayMs: delayMs.optional(),
  throttleAttempts: count.optional(),
  replay: z.string().optional(),
});

export type Scenario = z.infer<typeof scenarioSchema>;
