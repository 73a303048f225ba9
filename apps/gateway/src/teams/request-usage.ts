import { randomUUID } from 'node:crypto';
import type { OutcropConfig } from '@outcrop/config-schema';
import type { StreamPart, Usage } from '@outcrop/provider';
import { GatewayError } from '../errors.js';
import { formatAmount, formatBudgetSpec, periodEnd, periodStart } from './budget-spec.js';
import type { BudgetStore, Charge } from './budget-store.js';
import type { KeyDirectory } from './key-directory.js';
import { costNano, estimateInputTokens, modelIdentity, type TokenUsage } from './pricing.js';
import type { RateEntry, RateLimiter } from './rate-limit.js';
import type { KeyRecord, LedgerRow, Reservation } from './types.js';

/** What a request needs of the gateway's teams runtime (TeamsRuntime implements it). */
export interface UsageRuntime {
  readonly config: OutcropConfig;
  readonly region: string | undefined;
  readonly limiter: RateLimiter;
  readonly directory: KeyDirectory;
  readonly store: { budgets: BudgetStore };
  now(): number;
  onDatabaseError(err: unknown): void;
  settle(row: LedgerRow, caller: TeamCaller): void;
}

/** The caller of one request: a virtual key, or a static token / anonymous caller (no budgets). */
export interface TeamCaller {
  /** Non-secret id for limits and logs (`key:<id>` or the static token's key). */
  key: string;
  virtualKey?: KeyRecord;
}

export interface AdmitInput {
  /** The model name as the caller wrote it. */
  requested: string;
  /** The canonical ref it resolved to (`amazon-bedrock/<id>`). */
  model: string;
  call: {
    system?: string | string[];
    messages: readonly unknown[];
    tools?: readonly unknown[];
    maxTokens?: number;
  };
}

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

/**
 * One request's part in keys, budgets and the ledger: `admit` before the model is called (may refuse with a
 * 403/429/503), `see` for each event (time to first token, usage), `end` once the reply is done. `end` only
 * hands a row to the buffered writer, so the stream never waits on the database.
 */
export class RequestUsage {
  private readonly startedAt: number;
  private readonly startedPerf = performance.now();
  private row: LedgerRow | undefined;
  private identity: ReturnType<typeof modelIdentity> | undefined;
  private rate: RateEntry | undefined;
  private usage: TokenUsage | undefined;
  private ttftMs: number | null = null;
  private errorCode: string | null = null;
  private tier: string | null = null;
  private ended = false;

  constructor(
    private readonly runtime: UsageRuntime,
    readonly caller: TeamCaller,
    private readonly requestId: string,
    private readonly dialect: string,
  ) {
    this.startedAt = runtime.now();
  }

  /** Checks the key's models, rate limits and budgets; returns headers for the reply (budget warnings). */
  async admit(input: AdmitInput): Promise<Record<string, string>> {
    const { runtime, caller } = this;
    const key = caller.virtualKey;
    const identity = modelIdentity(runtime.config, input.model);
    this.identity = identity;
    this.row = this.newRow(input.requested, identity);
    if (!key) return {};

    if (key.models && !key.models.some((p) => modelMatches(p, input.requested, input.model))) {
      throw new GatewayError(
        'model_not_allowed',
        `Key ${key.name} may not call ${input.model}; it may call: ${key.models.join(', ')}.`,
        {
          param: 'model',
        },
      );
    }
    const inputTokens = estimateInputTokens(input.call);
    const maxTokens =
      input.call.maxTokens ?? identity.maxTokens ?? runtime.config.gateway.budgets.defaultMaxTokens;
    const estTokens = inputTokens + maxTokens;
    const estCost = costNano(identity.cost, { ...NO_USAGE, inputTokens, outputTokens: maxTokens });

    if (key.rpm !== null || key.tpm !== null) {
      const decision = runtime.limiter.admit(key.id, key, estTokens);
      if (!decision.ok) {
        const what = decision.limit === 'rpm' ? `${decision.max} requests` : `${decision.max} tokens`;
        throw new GatewayError(
          'rate_limit_exceeded',
          `Rate limit: key ${key.name} allows ${what} per minute; retry in ${decision.retryAfterS} s.`,
          {
            headers: { 'retry-after': String(decision.retryAfterS) },
          },
        );
      }
      this.rate = decision.entry;
    }

    const budgets = runtime.directory.budgetsFor(key);
    if (budgets.length === 0) return {};
    if (!identity.cost && budgets.some((b) => b.unit === 'usd')) {
      throw new GatewayError(
        'model_not_priced',
        `Key ${key.name} has a USD budget, but ${input.model} has no price; set its cost in models.providers.`,
        {
          param: 'model',
        },
      );
    }
    const now = this.startedAt;
    const charges: Charge[] = budgets.map((budget) => ({
      budget,
      periodStart: periodStart(budget.period, now),
      amount: budget.unit === 'usd' ? estCost : estTokens,
    }));
    const reservations = charges.map<Reservation>((c) => ({
      budgetId: c.budget.id,
      unit: c.budget.unit,
      periodStart: c.periodStart,
      amount: c.amount,
    }));
    const row = this.row;
    let result: Awaited<ReturnType<typeof runtime.store.budgets.admit>>;
    try {
      result = await runtime.store.budgets.admit(charges, { ...row, reservations });
    } catch (err) {
      runtime.onDatabaseError(err);
      if (!runtime.config.gateway.database.failOpen) {
        throw new GatewayError(
          'budget_unavailable',
          'The budget database is unreachable, so budgeted keys are refused for now; retry shortly.',
          {
            headers: { 'retry-after': '5' },
            cause: err,
          },
        );
      }
      // Fail open: nothing was held; the use is still counted when the row is written.
      row.reservations = reservations.map((r) => ({ ...r, amount: 0 }));
      return { 'x-outcrop-budget-warning': 'budget database unreachable; admitted without a budget check' };
    }
    if (!result.ok) {
      const { budget, used, reserved, asked } = result;
      const resets = periodEnd(budget.period, now);
      const headers: Record<string, string> = {};
      if (resets !== undefined)
        headers['retry-after'] = String(Math.max(1, Math.ceil((resets - runtime.now()) / 1000)));
      throw new GatewayError(
        'budget_exceeded',
        `Budget ${budget.id} (${formatBudgetSpec(budget)}) is spent: ${formatAmount(budget.unit, used + reserved)} of ${formatAmount(budget.unit, budget.limit)} used or held, this request needs up to ${formatAmount(budget.unit, asked)}; ${resets === undefined ? 'it never resets' : `it resets at ${new Date(resets).toISOString()}`}.`,
        { headers },
      );
    }
    row.reservations = reservations;
    const warnAt = runtime.config.gateway.budgets.warnAtPercent / 100;
    const warnings = result.levels
      .filter(({ budget, used, reserved }) => used + reserved >= warnAt * budget.limit)
      .map(
        ({ budget, used, reserved }) =>
          `${budget.id} ${Math.floor(((used + reserved) / budget.limit) * 100)}%`,
      );
    return warnings.length > 0 ? { 'x-outcrop-budget-warning': warnings.join(', ') } : {};
  }

  readonly see = (part: StreamPart): void => {
    if (
      this.ttftMs === null &&
      (part.type === 'text-delta' || part.type === 'reasoning-delta' || part.type === 'tool-call-start')
    ) {
      this.ttftMs = Math.round(performance.now() - this.startedPerf);
    } else if (part.type === 'finish') {
      this.usage = tokenUsage(part.usage);
      this.tier = part.serviceTier ?? null;
    } else if (part.type === 'error') {
      this.errorCode = part.error.code;
      if (part.usage) this.usage = tokenUsage(part.usage);
    }
  };

  /** Settles the request: hands its row to the ledger writer. Idempotent. */
  end(httpStatus: number, error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    const row = this.row ?? this.newRow('', undefined);
    const usage = this.usage ?? NO_USAGE;
    const code = this.errorCode ?? (error ? errorCode(error) : null);
    const settled: LedgerRow = {
      ...row,
      ...usage,
      tier: this.tier,
      costNano: costNano(this.identity?.cost, usage),
      ttftMs: this.ttftMs,
      durationMs: Math.round(performance.now() - this.startedPerf),
      status: httpStatus < 400 && code === null ? 'ok' : 'error',
      httpStatus,
      errorCode: code,
      settledAt: this.runtime.now(),
    };
    if (this.rate)
      this.rate.tokens =
        usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
    this.runtime.settle(settled, this.caller);
  }

  private newRow(requested: string, identity: ReturnType<typeof modelIdentity> | undefined): LedgerRow {
    const key = this.caller.virtualKey;
    return {
      id: randomUUID(),
      requestId: this.requestId,
      startedAt: this.startedAt,
      keyId: key ? key.id : this.caller.key,
      keyName: key ? key.name : null,
      tags: key ? key.tags : {},
      dialect: this.dialect,
      modelRef: requested,
      resolvedModel: identity?.resolvedModel ?? null,
      profile: identity?.profile ?? null,
      region: this.runtime.region ?? null,
      tier: null,
      ...NO_USAGE,
      costNano: 0,
      reservations: [],
      ttftMs: null,
      durationMs: null,
      status: 'pending',
      httpStatus: null,
      errorCode: null,
      settledAt: null,
    };
  }
}

/** A key's model pattern: the name as requested, or any part of the resolved id (`sonnet` matches Claude Sonnet). */
export function modelMatches(pattern: string, requested: string, resolved: string): boolean {
  const p = pattern.toLowerCase();
  return requested.toLowerCase() === p || resolved.toLowerCase() === p || resolved.toLowerCase().includes(p);
}

/** The four counts the ledger keeps of a provider's usage (totals and TTL details are derived or not stored). */
function tokenUsage(usage: Usage): TokenUsage {
  const { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens } = usage;
  return { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens };
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'internal';
}
