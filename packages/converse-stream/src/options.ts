import type { BedrockConnection } from '@outcrop/credentials';
import { z } from 'zod';
import type { AttemptObserver } from './attempt-observer.js';
import { type StreamClock, systemClock } from './clock.js';
import { ConverseStreamError } from './errors.js';

export interface ConverseStreamOptions {
  connection: BedrockConnection;
  signal?: AbortSignal;
  /** Deadline for the first event of an attempt (default 120 000 ms). */
  firstEventTimeoutMs?: number;
  /** Longest silence between events (default 300 000 ms: long silent thinking is normal). */
  idleTimeoutMs?: number;
  /** Attempts before the first content event (default 3). Never retried after content. */
  maxAttempts?: number;
  /** Backoff base (default 250 ms; throttling uses 1000 ms or 4x this). Full jitter; honours retry-after. */
  retryBaseMs?: number;
  /** Apply safe repairs to the request and report them as warnings (default false). */
  repair?: boolean;
  /** The inference profile for a bare model id in a region, from discovery data. */
  profileFor?: (baseModelId: string, region: string) => string | undefined;
  /** The model's output-token limit, checked before sending. */
  maxTokensLimit?: number;
  /** Time source for timeouts and backoff (tests). */
  clock?: StreamClock;
  /** Random source for jitter (tests). */
  random?: () => number;
  /** Told of each HTTP attempt and its end (traces); never of request content. */
  onAttempt?: AttemptObserver;
}

const positiveMs = z.number().int().positive().max(2_147_483_647);

const schema = z.object({
  firstEventTimeoutMs: positiveMs.default(120_000),
  idleTimeoutMs: positiveMs.default(300_000),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  retryBaseMs: z.number().int().min(0).max(60_000).optional(),
  repair: z.boolean().default(false),
  maxTokensLimit: z.number().int().positive().optional(),
});

export interface ResolvedOptions {
  firstEventTimeoutMs: number;
  idleTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  throttlingBaseMs: number;
  repair: boolean;
  maxTokensLimit?: number;
  clock: StreamClock;
  random: () => number;
}

export function resolveOptions(options: ConverseStreamOptions): ResolvedOptions {
  if (!options || typeof options.connection?.clientConfig !== 'function') {
    throw new ConverseStreamError({
      code: 'validation',
      rule: 'options',
      message: 'converseStream needs options.connection (a BedrockConnection from @outcrop/credentials)',
    });
  }
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConverseStreamError({
      code: 'validation',
      rule: 'options',
      message: `Invalid converseStream option ${issue.path.join('.')}: ${issue.message}`,
      location: { path: `options.${issue.path.join('.')}` },
    });
  }
  const { retryBaseMs, ...rest } = parsed.data;
  return {
    ...rest,
    retryBaseMs: retryBaseMs ?? 250,
    throttlingBaseMs: retryBaseMs === undefined ? 1000 : retryBaseMs * 4,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  };
}
