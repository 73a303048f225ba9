import { describe, expect, it } from 'vitest';
import { RecentErrors } from './recent-errors.js';

const error = (n: number) => ({ at: `t${n}`, status: 500 + n, code: `c${n}`, message: `m${n}`, route: 'r' });

describe('RecentErrors', () => {
  it('lists newest first and keeps only the last `capacity` errors', () => {
    const errors = new RecentErrors(3);
    for (let n = 1; n <= 5; n++) errors.add(error(n));
    expect(errors.list().map((e) => e.code)).toEqual(['c5', 'c4', 'c3']);
  });

  it('hands out a copy, so a caller cannot change the ring', () => {
    const errors = new RecentErrors(2);
    errors.add(error(1));
    errors.list().pop();
    expect(errors.list()).toHaveLength(1);
  });
});
