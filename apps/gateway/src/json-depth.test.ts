import { describe, expect, it } from 'vitest';
import { formatJsonPath, pathDeeperThan } from './json-depth.js';

describe('pathDeeperThan', () => {
  it('finds the first value past the limit, without recursion, in a 100,000-deep value', () => {
    const deep = JSON.parse(`${'{"a":['.repeat(50_000)}1${']}'.repeat(50_000)}`);
    const path = pathDeeperThan(deep, 4);
    expect(path).toEqual(['a', 0, 'a', 0, 'a']);
  });

  it('accepts values within the limit', () => {
    expect(pathDeeperThan({ a: [{ b: 1 }], c: 'x' }, 3)).toBeUndefined();
    expect(pathDeeperThan({ a: [{ b: 1 }] }, 2)).toEqual(['a', 0, 'b']);
    expect(pathDeeperThan('text', 0)).toBeUndefined();
  });
});

describe('formatJsonPath', () => {
  it('reads like the OpenAI param names', () => {
    expect(formatJsonPath(['tools', 0, 'function', 'parameters'])).toBe('tools[0].function.parameters');
    expect(formatJsonPath(['a', 'x-y'])).toBe('a["x-y"]');
  });
});
