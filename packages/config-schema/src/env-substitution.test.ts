// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold literal ${VAR} references
import { describe, expect, it } from 'vitest';
import { substituteEnv } from './env-substitution.js';

describe('substituteEnv', () => {
  it('replaces references in string values at any depth, inline and repeated', () => {
    const input = { a: '${HOST}', b: ['x-${HOST}-${PORT}', 3, true, null], c: { d: '${PORT}${PORT}' } };
    expect(substituteEnv(input, { HOST: 'h', PORT: '80' })).toEqual({
      value: { a: 'h', b: ['x-h-80', 3, true, null], c: { d: '8080' } },
      problems: [],
      substituted: [['a'], ['b', 0], ['c', 'd']],
    });
  });

  it('turns $${VAR} into a literal ${VAR} without reading the variable', () => {
    const result = substituteEnv({ a: '$${HOME_DIR}', b: 'cost: $5' }, {});
    expect(result.value).toEqual({ a: '${HOME_DIR}', b: 'cost: $5' });
    // An escape takes nothing from the environment, and a missing variable fills nothing in.
    expect(result.substituted).toEqual([]);
    expect(substituteEnv({ a: '${MISSING}' }, {}).substituted).toEqual([]);
  });

  it('leaves lower-case and malformed references alone', () => {
    const input = { a: '${lower}', b: '${1ABC}', c: '$HOST', d: '${HOST' };
    expect(substituteEnv(input, { HOST: 'h' })).toEqual({ value: input, problems: [], substituted: [] });
  });

  it('does not substitute keys, nor scan substituted text again', () => {
    expect(substituteEnv({ '${KEY}': '${A}' }, { KEY: 'k', A: '${B}', B: 'b' }).value).toEqual({
      '${KEY}': '${B}',
    });
  });

  it('reports missing and empty variables with their paths', () => {
    const { problems } = substituteEnv(
      { list: ['${GONE}'], nested: { key: '${BLANK} ${GONE}' } },
      { BLANK: '' },
    );
    expect(problems).toEqual([
      { path: ['list', 0], variable: 'GONE', message: 'environment variable GONE is not set' },
      { path: ['nested', 'key'], variable: 'BLANK', message: 'environment variable BLANK is empty' },
      { path: ['nested', 'key'], variable: 'GONE', message: 'environment variable GONE is not set' },
    ]);
  });
});
