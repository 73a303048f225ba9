import { describe, expect, it } from 'vitest';
import { embeddedJsonDeeperThan, formatJsonPath, jsonTextDepth, pathDeeperThan } from './json-depth.js';

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

describe('jsonTextDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonTextDepth('1')).toBe(0);
    expect(jsonTextDepth('{"a":[{"b":"[[[{"}]}')).toBe(3);
    expect(jsonTextDepth('{"a":"\\"[[["}')).toBe(1);
    expect(jsonTextDepth('[[[[]]]]')).toBe(4);
  });
});

describe('embeddedJsonDeeperThan', () => {
  it('finds tool call arguments nested past the limit', () => {
    const call = (args: string) => ({ function: { name: 'f', arguments: args } });
    const body = {
      messages: [
        { role: 'user', content: '{{{{{{' },
        { role: 'assistant', tool_calls: [call('{"a":1}'), call('[[[[[1]]]]]')] },
      ],
    };
    expect(embeddedJsonDeeperThan(body, 4)).toEqual([
      'messages',
      1,
      'tool_calls',
      1,
      'function',
      'arguments',
    ]);
    expect(embeddedJsonDeeperThan(body, 5)).toBeUndefined();
    expect(embeddedJsonDeeperThan({ messages: 'x' }, 1)).toBeUndefined();
    expect(embeddedJsonDeeperThan(null, 1)).toBeUndefined();
  });
});
