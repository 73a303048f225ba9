import { describe, expect, it } from 'vitest';
import { createToolInputAccumulator } from './tool-input-accumulator.js';

describe('createToolInputAccumulator', () => {
  it('joins chunks and parses once at the end', () => {
    const acc = createToolInputAccumulator();
    for (const chunk of ['{"ci', 'ty":', '"Par', 'is"', '}']) acc.push(chunk);
    expect(acc.text()).toBe('{"city":"Paris"}');
    expect(acc.parse()).toEqual({ city: 'Paris' });
  });

  it('treats no input as an empty object and reports invalid JSON as a model_error', () => {
    expect(createToolInputAccumulator().parse()).toEqual({});
    const acc = createToolInputAccumulator();
    acc.push('{"a": ');
    expect(() => acc.parse()).toThrow(expect.objectContaining({ code: 'model_error' }));
  });

  it('does not parse per delta: pushing 100k chunks never calls JSON.parse', () => {
    const acc = createToolInputAccumulator();
    const parse = JSON.parse;
    let calls = 0;
    JSON.parse = ((...args: Parameters<typeof parse>) => {
      calls++;
      return parse(...args);
    }) as typeof JSON.parse;
    try {
      acc.push('[');
      for (let i = 0; i < 100_000; i++) acc.push(i === 0 ? '0' : ',0');
      acc.push(']');
      expect(calls).toBe(0);
      expect((acc.parse() as unknown[]).length).toBe(100_000);
      expect(calls).toBe(1);
    } finally {
      JSON.parse = parse;
    }
  });
});
