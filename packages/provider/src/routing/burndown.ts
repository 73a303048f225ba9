// A target's tokens- and requests-per-minute headroom, counted as Bedrock counts its quotas
// (https://docs.aws.amazon.com/bedrock/latest/userguide/quotas-token-burndown.html): when a request starts,
// `input + max_tokens` is reserved against tokens per minute; when it ends the reservation is settled to
// `InputTokenCount + CacheWriteInputTokens + OutputTokenCount × burndown rate`, where the output burndown rate is
// 5 for Anthropic Claude 3.7 and later and 1 for every other model. Cache reads are reserved with the input but
// not counted at the end (the final formula, also in AWS's re:Post article "TPM/RPM quota monitoring dashboard
// for Amazon Bedrock", repost.aws/articles/ARfUsSkaWeSLiWZbv0OVSG1Q).
// A sliding 60-second window over an injected clock: no wall time in tests.
import type { Usage } from '../usage.js';

export const WINDOW_MS = 60_000;

/** Output tokens of Claude 3.7 and later count five times against tokens per minute (burndown page). */
export function outputBurndownRate(modelId: string): number {
  return /anthropic\.claude-(3-7-|(sonnet|opus|haiku)-\d)/.test(modelId) ? 5 : 1;
}

/** The tokens one finished call burned against the quota. */
export function burnedTokens(usage: Usage, rate: number): number {
  return usage.inputTokens + usage.cacheWriteTokens + usage.outputTokens * rate;
}

interface Spend {
  at: number;
  tokens: number;
}

export interface Reservation {
  /** Replaces the reservation by what the call really burned. */
  settle(usage: Usage): void;
  /** The call never reached the quota (Bedrock refused it): nothing is counted. */
  release(): void;
}

export interface QuotaLimits {
  tokensPerMinute?: number | undefined;
  requestsPerMinute?: number | undefined;
}

/** A quota pool as the router reads it: what the minute has used, and the reservation of a new call. */
export abstract class QuotaBudget {
  constructor(readonly limits: QuotaLimits) {}

  /** Tokens counted in the current minute (reservations in flight at their reserved size). */
  abstract usedTokens(): number;
  abstract usedRequests(): number;
  /** Reserves `inputTokens + maxTokens` (Bedrock's rule at the start of a request). */
  abstract reserve(inputTokens: number, maxTokens: number): Reservation;

  /** Whether a call reserving `tokens` fits both quotas now. A target without quotas always fits. */
  fits(tokens: number): boolean {
    const { tokensPerMinute, requestsPerMinute } = this.limits;
    if (requestsPerMinute !== undefined && this.usedRequests() + 1 > requestsPerMinute) return false;
    return tokensPerMinute === undefined || this.usedTokens() + tokens <= tokensPerMinute;
  }

  /** The smaller free share of the two quotas, 0 to 1 (1 without quotas): how to rank targets that are full. */
  headroom(): number {
    const { tokensPerMinute, requestsPerMinute } = this.limits;
    const tokens = tokensPerMinute ? 1 - this.usedTokens() / tokensPerMinute : 1;
    const requests = requestsPerMinute ? 1 - this.usedRequests() / requestsPerMinute : 1;
    return Math.max(0, Math.min(tokens, requests));
  }
}

/** The pool of one process (the default): a sliding minute of spends in memory. */
export class BurndownBudget extends QuotaBudget {
  private spends: Spend[] = [];

  constructor(
    limits: QuotaLimits,
    private readonly rate: number,
    private readonly now: () => number,
  ) {
    super(limits);
  }

  private window(): Spend[] {
    const since = this.now() - WINDOW_MS;
    if (this.spends.length && this.spends[0]!.at <= since)
      this.spends = this.spends.filter((spend) => spend.at > since);
    return this.spends;
  }

  usedTokens(): number {
    return this.window().reduce((sum, spend) => sum + spend.tokens, 0);
  }

  usedRequests(): number {
    return this.window().length;
  }

  reserve(inputTokens: number, maxTokens: number): Reservation {
    const spend: Spend = { at: this.now(), tokens: inputTokens + maxTokens };
    this.spends.push(spend);
    let open = true;
    return {
      settle: (usage) => {
        if (!open) return;
        open = false;
        spend.tokens = burnedTokens(usage, this.rate);
      },
      release: () => {
        if (!open) return;
        open = false;
        this.spends = this.spends.filter((s) => s !== spend);
      },
    };
  }
}
