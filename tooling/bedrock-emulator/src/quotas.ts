// Tokens-per-minute and requests-per-minute quotas per credential, region and model, burned down as Bedrock
// documents (https://docs.aws.amazon.com/bedrock/latest/userguide/quotas-token-burndown.html): at the start of
// a request `input + max_tokens` is reserved; at the end the reservation is settled to `input + output × rate`,
// where the output burndown rate is 5 for Claude 3.7 and later and 1 for every other model. Usage is counted
// over a sliding 60-second window read from an injectable clock, so tests never depend on wall time.
import { type AwsError, awsError } from './http-io.js';

export interface QuotaLimits {
  /** Tokens per minute (after burndown). Unset: unlimited. */
  tokensPerMinute?: number;
  /** Requests per minute. Unset: unlimited. */
  requestsPerMinute?: number;
}

export interface EmulatorQuotas extends QuotaLimits {
  /** Limits per foundation model id, replacing the defaults above for that model. */
  models?: Record<string, QuotaLimits>;
}

const WINDOW_MS = 60_000;

// Wording as Bedrock sends it (seen in public reports: anthropics/claude-code #236, RooCodeInc/Roo-Code #5050
// for tokens; kirodotdev/Kiro #8113, BerriAI/litellm #589 for requests).
export const TOO_MANY_TOKENS = 'Too many tokens, please wait before trying again.';
export const TOO_MANY_REQUESTS = 'Too many requests, please wait before trying again.';

/** Output tokens of Claude 3.7 and later count five times against tokens-per-minute. */
export function outputBurndownRate(modelId: string): number {
  return /^anthropic\.claude-(3-7-|(sonnet|opus|haiku)-\d)/.test(modelId) ? 5 : 1;
}

interface Spend {
  at: number;
  tokens: number;
}

export interface Reservation {
  /** Replaces the reservation with what the request really used. */
  settle(inputTokens: number, outputTokens: number): void;
}

const NOTHING: Reservation = { settle() {} };

export class QuotaLedger {
  private readonly spends = new Map<string, Spend[]>();

  constructor(
    private readonly quotas: EmulatorQuotas | undefined,
    private readonly clock: () => number,
  ) {}

  /** False when no limit is set: callers can skip counting tokens. */
  get active(): boolean {
    return Boolean(this.quotas?.tokensPerMinute || this.quotas?.requestsPerMinute || this.quotas?.models);
  }

  /** Reserves `inputTokens + maxTokens` for one request, or answers Bedrock's ThrottlingException. */
  reserve(
    key: { principal: string; region: string; modelId: string },
    inputTokens: number,
    maxTokens: number,
  ): Reservation | { error: AwsError } {
    const limits = this.quotas?.models?.[key.modelId] ?? this.quotas;
    if (!limits?.tokensPerMinute && !limits?.requestsPerMinute) return NOTHING;
    const id = `${key.principal}\u0000${key.region}\u0000${key.modelId}`;
    const now = this.clock();
    const spends = (this.spends.get(id) ?? []).filter((spend) => spend.at > now - WINDOW_MS);
    this.spends.set(id, spends);
    if (limits.requestsPerMinute !== undefined && spends.length >= limits.requestsPerMinute) {
      return { error: awsError('ThrottlingException', TOO_MANY_REQUESTS) };
    }
    const reserved = inputTokens + maxTokens;
    const used = spends.reduce((sum, spend) => sum + spend.tokens, 0);
    if (limits.tokensPerMinute !== undefined && used + reserved > limits.tokensPerMinute) {
      return { error: awsError('ThrottlingException', TOO_MANY_TOKENS) };
    }
    const spend: Spend = { at: now, tokens: reserved };
    spends.push(spend);
    const rate = outputBurndownRate(key.modelId);
    return {
      settle(input, output) {
        spend.tokens = input + output * rate;
      },
    };
  }

  /** Tokens counted in the current window (for tests and diagnostics). */
  used(key: { principal: string; region: string; modelId: string }): number {
    const now = this.clock();
    const spends = this.spends.get(`${key.principal}\u0000${key.region}\u0000${key.modelId}`) ?? [];
    return spends.filter((spend) => spend.at > now - WINDOW_MS).reduce((sum, s) => sum + s.tokens, 0);
  }
}
