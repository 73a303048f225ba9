// biome-ignore-all lint/suspicious/noTemplateCurlyInString: placeholder forms under test
import { describe, expect, it } from 'vitest';
import { placeholderProblem } from './placeholder.js';

describe('placeholderProblem', () => {
  it('accepts real-looking tokens', () => {
    for (const token of ['sk-outcrop-12345', 'a', 'tok_$with$dollars', 'x{y}z', 'AbC.dEf-123~']) {
      expect(placeholderProblem(token), token).toBeUndefined();
    }
  });

  it('names placeholders of every common form, and blank values', () => {
    const cases: Array<[string, RegExp]> = [
      ['${gw_token}', /\$\{\.\.\.\}/],
      ['${GW_TOKEN}', /\$\{\.\.\.\}/],
      ['prefix-${Token}', /\$\{\.\.\.\}/],
      ['$GW_TOKEN', /\$NAME/],
      ['$gw_token', /\$NAME/],
      ['{{ gateway_token }}', /\{\{\.\.\.\}\}/],
      ['<your-token>', /<\.\.\.>/],
      ['', /blank/],
      ['   \t', /blank/],
      ['two words', /whitespace/],
    ];
    for (const [value, pattern] of cases) expect(placeholderProblem(value), value).toMatch(pattern);
  });
});
