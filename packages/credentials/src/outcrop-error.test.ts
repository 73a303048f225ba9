import { describe, expect, it } from 'vitest';
import { isOutcropError, OUTCROP_ERROR } from './outcrop-error.js';

describe('isOutcropError', () => {
  it('is true for an error carrying the shared marker and the class name, from any copy of a package', () => {
    const marker = Symbol.for('outcrop.error'); // as another copy of a package creates it
    class CopyOfSomeError extends Error {
      override readonly name = 'SomeError';
      readonly [marker] = true;
    }
    expect(OUTCROP_ERROR).toBe(Symbol.for('outcrop.error'));
    expect(isOutcropError(new CopyOfSomeError('x'), 'SomeError')).toBe(true);
  });

  it('is false for another class name, a missing or false marker, and non-objects', () => {
    const marked = Object.assign(new Error('x'), { name: 'SomeError', [OUTCROP_ERROR]: true });
    expect(isOutcropError(marked, 'OtherError')).toBe(false);
    expect(isOutcropError(Object.assign(new Error('x'), { name: 'SomeError' }), 'SomeError')).toBe(false);
    expect(isOutcropError({ name: 'SomeError', [OUTCROP_ERROR]: 'yes' }, 'SomeError')).toBe(false);
    expect(isOutcropError(null, 'SomeError')).toBe(false);
    expect(isOutcropError('SomeError', 'SomeError')).toBe(false);
  });
});
