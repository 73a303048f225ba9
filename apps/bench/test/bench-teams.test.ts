import { describe, expect, it } from 'vitest';
import { teamsFigures } from '../src/bench-teams.js';

const row = (label: string, ttftP50Ms: number, cpuUsPerToken: number) => ({
  label,
  requests: 450,
  tokensPerRequest: 276,
  ttftP50Ms,
  cpuUsPerToken,
});

describe('teams figures', () => {
  it('compares the budgeted key with the static token and with teams off, each against its target', () => {
    const figures = teamsFigures({
      quick: false,
      budgetChecks: [{ label: 'sqlite', keys: 10_000, p50Us: 48, p99Us: 9_000 }],
      gateway: [
        row('teams off (no database)', 15, 30),
        row('static token (ledger row only)', 15.1, 31),
        row('budgeted virtual key', 15.5, 33),
      ],
    });
    const byName = (part: string) => figures.find((f) => f.name.includes(part));
    expect(byName('budget check')).toMatchObject({ value: 48, unit: 'µs', met: true });
    const ttft = byName('vs a static token: added TTFT');
    expect(ttft?.value).toBeCloseTo(0.4, 6);
    expect(ttft).toMatchObject({ met: false, baseline: { value: 15.1 } });
    // 33 / 31 is 6.5 % more: over the 5 % target; 33 / 30 against teams off is 10 % more.
    expect(byName('vs a static token: CPU')).toMatchObject({ value: 33, met: false });
    expect(byName('vs the teams runtime off: added TTFT')?.value).toBeCloseTo(0.5, 6);
    expect(figures).toHaveLength(5);
  });

  it('reports only the budget check when the gateway part did not run', () => {
    const figures = teamsFigures({
      quick: true,
      budgetChecks: [{ label: 'sqlite', keys: 1_000, p50Us: 60, p99Us: 1_000 }],
    });
    expect(figures).toHaveLength(1);
    expect(figures[0]).toMatchObject({ met: false, target: '<= 50 µs p50' });
  });
});
