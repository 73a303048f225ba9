// One routed model: picks a target for each call (target-order.ts), reserves the call against the target's
// quota (burndown.ts), and before the first token moves a throttled or unavailable call to the next target,
// resting a throttled one for its retry-after (else the route's cooldown). After the first token the call
// stays where it is: a retry would repeat content. A finished call pins its conversation to the target that
// holds its prompt cache (cache-affinity.ts).
import type { RouteConfig } from '@outcrop/config-schema';
import { estimateContextTokens } from '../count-tokens.js';
import type { ProviderErrorCode } from '../error-codes.js';
import type { ProviderError } from '../errors.js';
import { guardStream } from '../guard-stream.js';
import type { CallOptions, Context, ModelSpec } from '../spec.js';
import type { RouteInfo, StreamPart, Warning } from '../stream-parts.js';
import type { Reservation } from './burndown.js';
import { CacheAffinity } from './cache-affinity.js';
import { retryAfterMs } from './retry-hint.js';
import { RouteAttempts } from './route-attempts.js';
import { type BudgetFor, type RouteTarget, routeTargets } from './route-targets.js';
import type { SharedLedger } from './shared-ledger.js';
import { orderTargets } from './target-order.js';

/** What the request mapping sends when a call sets no maxTokens (request-mapping DEFAULT_MAX_TOKENS). */
const DEFAULT_MAX_TOKENS = 4096;

/** Failures another target may not have: its quota, its capacity, its account's access, its region's models. */
const REROUTE: ReadonlySet<ProviderErrorCode> = new Set([
  'throttled',
  'service_unavailable',
  'model_not_ready',
  'model_timeout',
  'access_denied',
  'not_found',
  'authentication',
]);

export function shouldReroute(error: ProviderError): boolean {
  return REROUTE.has(error.code) || (error.code === 'internal' && error.retryable);
}

export interface RouterOptions {
  now: () => number;
  /** Quota pools shared with other routes naming the same account, region and model. */
  budgetFor?: BudgetFor;
  /** Pools and rests shared with other replicas; without it everything stays in this process (no awaits). */
  ledger?: SharedLedger;
  /** Streams one call on one target (the Bedrock provider bound to the target's connection). */
  streamTarget(
    target: RouteTarget,
    spec: ModelSpec,
    context: Context,
    options: CallOptions,
  ): AsyncIterable<StreamPart>;
}

export interface TargetStatus {
  route: string;
  target: string;
  region: string;
  serviceTier?: string;
  /** Tokens and requests counted in the current minute, by the burndown rule. */
  tokensUsed: number;
  requestsUsed: number;
  tokensPerMinute?: number;
  requestsPerMinute?: number;
  resting: boolean;
  /** Calls sent to the target, and how many it throttled. */
  calls: number;
  throttled: number;
}

export class Router {
  readonly targets: RouteTarget[];
  private readonly affinity: CacheAffinity | undefined;
  private readonly counts = new Map<RouteTarget, { calls: number; throttled: number }>();

  constructor(
    readonly name: string,
    readonly route: RouteConfig,
    private readonly options: RouterOptions,
  ) {
    this.targets = routeTargets(route, options.now, options.budgetFor);
    for (const target of this.targets) this.counts.set(target, { calls: 0, throttled: 0 });
    const { enabled, ttlSeconds, maxConversations } = route.stickiness;
    this.affinity = enabled
      ? new CacheAffinity({ ttlMs: ttlSeconds * 1000, max: maxConversations, now: options.now })
      : undefined;
  }

  status(): TargetStatus[] {
    const now = this.options.now();
    return this.targets.map((t) => ({
      route: this.name,
      target: t.name,
      region: t.region,
      ...(t.serviceTier ? { serviceTier: t.serviceTier } : {}),
      tokensUsed: t.budget.usedTokens(),
      requestsUsed: t.budget.usedRequests(),
      ...(t.config.tokensPerMinute ? { tokensPerMinute: t.config.tokensPerMinute } : {}),
      ...(t.config.requestsPerMinute ? { requestsPerMinute: t.config.requestsPerMinute } : {}),
      resting: t.coolUntil > now,
      ...this.counts.get(t)!,
    }));
  }

  stream(spec: ModelSpec, context: Context, options: CallOptions = {}): AsyncIterable<StreamPart> {
    return guardStream(() => this.run(spec, context, options), options.signal);
  }

  private async *run(spec: ModelSpec, context: Context, options: CallOptions): AsyncIterable<StreamPart> {
    const input = estimateContextTokens(context);
    const maxTokens = options.maxTokens ?? Math.min(DEFAULT_MAX_TOKENS, spec.maxTokens ?? Infinity);
    const key = this.affinity ? CacheAffinity.keyOf(this.name, context, options) : undefined;
    const ledger = this.options.ledger;
    // The shared pin is the latest turn's, whichever replica served it; this process's own is the fallback.
    const sharedPin = ledger ? await ledger.refresh(this.name, this.targets, key) : undefined;
    const pinnedName = sharedPin ?? this.affinity?.get(key);
    // A tier the caller asks for narrows the route to targets of that tier, when it has any.
    const asked = options.serviceTier;
    const ofTier = asked ? this.targets.filter((t) => t.serviceTier === asked) : [];
    const pool = ofTier.length ? ofTier : this.targets;
    const order = orderTargets(pool, {
      reserve: input + maxTokens,
      now: this.options.now(),
      pinned: pool.find((t) => t.name === pinnedName),
    });

    const reroutes: Warning[] = [];
    const attempts = options.onAttempt ? new RouteAttempts(this.name, options.onAttempt) : undefined;
    let last: { target: RouteTarget; preamble: StreamPart[]; failure: StreamPart } | undefined;
    for (const [index, target] of order.slice(0, this.route.maxAttempts).entries()) {
      const info: RouteInfo = {
        name: this.name,
        target: target.name,
        region: target.region,
        ...(target.serviceTier ? { serviceTier: target.serviceTier } : {}),
        attempts: index + 1,
      };
      const start: StreamPart = {
        type: 'stream-start',
        model: { provider: spec.provider, id: spec.id, api: spec.api },
        route: info,
      };
      const counts = this.counts.get(target)!;
      counts.calls++;
      const reservation = target.budget.reserve(input, maxTokens);
      // Other replicas count the reservation before Bedrock does.
      if (ledger) await ledger.flush();
      const tier = target.serviceTier && !asked ? target.serviceTier : undefined;
      const onAttempt = attempts?.observerFor(target);
      const callOptions: CallOptions =
        tier || onAttempt
          ? { ...options, ...(tier ? { serviceTier: tier } : {}), ...(onAttempt ? { onAttempt } : {}) }
          : options;
      const preamble: StreamPart[] = [];
      let committed = false;
      let failure: Extract<StreamPart, { type: 'error' }> | undefined;
      try {
        for await (const part of this.options.streamTarget(target, spec, context, callOptions)) {
          if (committed) {
            this.settle(part, reservation, input, key, target);
            yield part;
            continue;
          }
          if (part.type === 'stream-start') continue; // replaced by the router's, which names the target
          if (part.type === 'warning') {
            preamble.push(part);
            continue;
          }
          if (part.type === 'error' && !options.signal?.aborted && shouldReroute(part.error)) {
            failure = part;
            break;
          }
          committed = true;
          yield start;
          for (const warning of reroutes) yield { type: 'warning', warning };
          yield* preamble;
          this.settle(part, reservation, input, key, target);
          yield part;
        }
      } finally {
        // A call left early (client gone) still burned its input; a refused one is released below.
        if (!failure)
          reservation.settle({
            inputTokens: input,
            outputTokens: 0,
            cacheReadTokens: 0,
            cacheWriteTokens: 0,
            totalTokens: input,
          });
      }
      if (committed || !failure) return;
      // Refused before its first token: Bedrock counted nothing, and the call moves on.
      reservation.release();
      attempts?.failed(target, failure.error);
      if (failure.error.code === 'throttled') {
        counts.throttled++;
        const now = this.options.now();
        const rest = retryAfterMs(failure.error, now) ?? this.route.cooldownSeconds * 1000;
        // Only this target and tier rests: flex capacity running out is the tier's own (escalation's case).
        target.coolUntil = Math.max(target.coolUntil, now + rest);
        ledger?.rest(this.name, target, target.coolUntil);
      }
      reroutes.push({
        code: 'rerouted',
        message: `${this.name}: target ${target.name} failed before its first token (${failure.error.code}); trying the next target.`,
      });
      last = { target, preamble, failure };
    }
    if (!last) return; // maxAttempts >= 1 and at least one target: unreachable
    const { target, preamble, failure } = last;
    yield {
      type: 'stream-start',
      model: { provider: spec.provider, id: spec.id, api: spec.api },
      route: {
        name: this.name,
        target: target.name,
        region: target.region,
        ...(target.serviceTier ? { serviceTier: target.serviceTier } : {}),
        attempts: Math.min(order.length, this.route.maxAttempts),
      },
    };
    // Every reroute but the last attempt's own: the error part says why that one failed.
    for (const warning of reroutes.slice(0, -1)) yield { type: 'warning', warning };
    yield* preamble;
    yield failure;
  }

  private settle(
    part: StreamPart,
    reservation: Reservation,
    input: number,
    key: string | undefined,
    target: RouteTarget,
  ): void {
    if (part.type === 'finish') {
      reservation.settle(part.usage);
      if (part.finishReason !== 'error' && key !== undefined && this.affinity) {
        this.affinity.set(key, target.name);
        this.options.ledger?.pin(key, target.name, this.route.stickiness.ttlSeconds * 1000);
      }
    } else if (part.type === 'error') {
      reservation.settle(
        part.usage ?? {
          inputTokens: input,
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          totalTokens: input,
        },
      );
    }
  }
}
