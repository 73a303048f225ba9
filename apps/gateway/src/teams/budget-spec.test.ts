import { describe, expect, it } from 'vitest';
import { BudgetSpecError, formatBudgetSpec, parseBudgetSpec, periodEnd, periodStart } from './budget-spec.js';

describe('parseBudgetSpec', () => {
  it('reads USD and token budgets with a period, total by default', () => {
    expect(parseBudgetSpec('50usd/month')).toEqual({ unit: 'usd', period: 'month', limit: 50_000_000_000 });
    expect(parseBudgetSpec('0.25$/day')).toEqual({ unit: 'usd', period: 'day', limit: 250_000_000 });
    expect(parseBudgetSpec('200000tokens/day')).toEqual({ unit: 'tokens', period: 'day', limit: 200_000 });
    expect(parseBudgetSpec('10usd')).toEqual({ unit: 'usd', period: 'total', limit: 10_000_000_000 });
    expect(formatBudgetSpec(parseBudgetSpec('1.5usd/day'))).toBe('1.5usd/day');
  });

  it('refuses what it cannot read, saying what it expected', () => {
    for (const bad of ['50', 'usd', '50eur/month', '50usd/week', '0usd', '1.5tokens', '-3usd']) {
      expect(() => parseBudgetSpec(bad)).toThrow(BudgetSpecError);
    }
    expect(() => parseBudgetSpec('50eur')).toThrow(/e\.g\. 50usd\/month/);
  });
});

describe('periods', () => {
  const at = Date.UTC(2026, 11, 31, 23, 59, 59);
  it('are UTC calendar windows', () => {
    expect(periodStart('day', at)).toBe(Date.UTC(2026, 11, 31));
    expect(periodEnd('day', at)).toBe(Date.UTC(2027, 0, 1));
    expect(periodStart('month', at)).toBe(Date.UTC(2026, 11, 1));
    expect(periodEnd('month', at)).toBe(Date.UTC(2027, 0, 1));
    expect(periodStart('total', at)).toBe(0);
    expect(periodEnd('total', at)).toBeUndefined();
  });
});
