/**
 * Budgets as people write them (`50usd/month`, `2000000tokens/day`, `10usd` = in total) and the calendar
 * windows they count in. Windows are UTC, so every gateway and report agrees on when one resets.
 */
export type BudgetUnit = 'usd' | 'tokens';
export type BudgetPeriod = 'day' | 'month' | 'total';

export interface BudgetSpec {
  unit: BudgetUnit;
  period: BudgetPeriod;
  /** Nano-dollars for 'usd', tokens for 'tokens'. */
  limit: number;
}

export class BudgetSpecError extends Error {
  override readonly name = 'BudgetSpecError';
  readonly code = 'budget_invalid';
}

const SPEC = /^(\d+(?:\.\d{1,9})?)\s*(usd|\$|tokens?|tok)(?:\s*\/\s*(day|month|total))?$/i;
export const NANO_PER_USD = 1_000_000_000;

export function parseBudgetSpec(text: string): BudgetSpec {
  const match = SPEC.exec(text.trim());
  if (!match) {
    throw new BudgetSpecError(
      `budget ${JSON.stringify(text)}: expected <amount>usd or <amount>tokens, optionally /day, /month or /total (e.g. 50usd/month)`,
    );
  }
  const amount = Number(match[1]);
  const unit: BudgetUnit = /^(usd|\$)$/i.test(match[2]!) ? 'usd' : 'tokens';
  const period = (match[3]?.toLowerCase() ?? 'total') as BudgetPeriod;
  if (unit === 'tokens' && !Number.isInteger(amount)) {
    throw new BudgetSpecError(`budget ${JSON.stringify(text)}: a token budget is a whole number`);
  }
  const limit = unit === 'usd' ? Math.round(amount * NANO_PER_USD) : amount;
  if (limit <= 0 || !Number.isSafeInteger(limit)) {
    throw new BudgetSpecError(
      `budget ${JSON.stringify(text)}: the amount must be above 0 and below 9,000,000 USD`,
    );
  }
  return { unit, period, limit };
}

export function formatAmount(unit: BudgetUnit, amount: number): string {
  return unit === 'usd' ? `${(amount / NANO_PER_USD).toFixed(2)} USD` : `${amount} tokens`;
}

export function formatBudgetSpec(spec: BudgetSpec): string {
  const amount =
    spec.unit === 'usd' ? `${+(spec.limit / NANO_PER_USD).toFixed(9)}usd` : `${spec.limit}tokens`;
  return `${amount}/${spec.period}`;
}

/** The start of the window `at` falls in (epoch ms, UTC); 0 for a budget in total. */
export function periodStart(period: BudgetPeriod, at: number): number {
  if (period === 'total') return 0;
  const d = new Date(at);
  return period === 'day'
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** When the window `at` falls in ends; undefined for a budget in total (it never resets). */
export function periodEnd(period: BudgetPeriod, at: number): number | undefined {
  if (period === 'total') return undefined;
  const d = new Date(at);
  return period === 'day'
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}
