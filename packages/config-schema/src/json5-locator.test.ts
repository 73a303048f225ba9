import { describe, expect, it } from 'vitest';
import { indexJson5, locatePath, type PathSegment } from './json5-locator.js';

/** `line:column` of the value (or of its key) at `path`. */
function at(text: string, path: PathSegment[], target: 'key' | 'value' = 'value'): string | undefined {
  const document = indexJson5(text);
  const found = locatePath(document.root, path);
  if (!found?.exact) return undefined;
  const offset = target === 'key' ? found.keyStart : found.value.start;
  if (offset === undefined) return undefined;
  const { line, column } = document.position(offset);
  return `${line}:${column}`;
}

describe('indexJson5', () => {
  const text = [
    '// leading comment',
    '{',
    '  /* block',
    '     comment */ unquoted: 1,',
    "  'single': 'it\\'s',",
    '  "double" /* between */ : // and here',
    '    [ 1, [ 2, { deep: true, }, ], ],',
    '  nested: { "a.b": { c: null } },',
    '}',
  ].join('\n');

  it('locates keys and values through comments, both quote styles and trailing commas', () => {
    expect(at(text, ['unquoted'], 'key')).toBe('4:17');
    expect(at(text, ['unquoted'])).toBe('4:27');
    expect(at(text, ['single'], 'key')).toBe('5:3');
    expect(at(text, ['single'])).toBe('5:13');
    expect(at(text, ['double'], 'key')).toBe('6:3');
    expect(at(text, ['double'])).toBe('7:5');
    expect(at(text, ['double', 1, 1, 'deep'])).toBe('7:23');
    expect(at(text, ['nested', 'a.b', 'c'], 'key')).toBe('8:22');
  });

  it('returns the deepest existing ancestor for a missing path', () => {
    const document = indexJson5(text);
    const found = locatePath(document.root, ['nested', 'a.b', 'missing', 'more']);
    expect(found?.exact).toBe(false);
    expect(document.position(found!.value.start)).toMatchObject({ line: 8, column: 20 });
    expect(locatePath(document.root, ['double', 9])?.exact).toBe(false);
  });

  it('decodes escapes in keys the way JSON5.parse does', () => {
    const escaped = '{ "tab\\tkey": 1, \'\\u0041B\': 2, \\u0063d: 3, "line\\\ncontinued": 4 }';
    expect(at(escaped, ['tab\tkey'])).toBe('1:15');
    expect(at(escaped, ['AB'])).toBe('1:29');
    expect(at(escaped, ['cd'])).toBe('1:41');
    expect(at(escaped, ['linecontinued'])).toBe('2:13');
  });

  it('keeps the last of repeated keys, as JSON5.parse does', () => {
    expect(at('{ a: 1,\n  a: 2 }', ['a'])).toBe('2:6');
  });

  it('counts columns in UTF-16 units after astral characters', () => {
    expect(at('{ "😀": 1, b: 2 }', ['b'])).toBe('1:15');
  });

  it('handles CRLF line ends, hex numbers, Infinity and a top-level array', () => {
    expect(at('{\r\n  a: 0x1F,\r\n  b: -Infinity\r\n}', ['b'])).toBe('3:6');
    expect(at('[ 1, { x: +.5 } ]', [1, 'x'])).toBe('1:11');
  });

  it('never throws on text it cannot read; positions are then unknown', () => {
    const document = indexJson5('{ a: ');
    expect(document.root).toBeUndefined();
    expect(locatePath(document.root, ['a'])).toBeUndefined();
  });
});
