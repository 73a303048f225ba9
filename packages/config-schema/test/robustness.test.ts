// Bad input gets a ConfigError, never a crash: mutated copies of the example config, pathological nesting,
// blank and comment-only files. Bounded and seeded, so every run checks the same inputs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/index.js';

const example = readFileSync(new URL('../../../examples/outcrop.example.json5', import.meta.url), 'utf8');
const env = { OUTCROP_GATEWAY_TOKEN: 'fuzz-token' };

/** mulberry32: a tiny deterministic PRNG. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const alphabet = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  "'",
  '/',
  '*',
  '\n',
  ' ',
  'x',
  '0',
  '-',
  '$',
  '\\',
  '😀',
];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length);
    const char = alphabet[Math.floor(next() * alphabet.length)]!;
    const kind = next();
    if (kind < 0.4) out = out.slice(0, at) + out.slice(at + 1);
    else if (kind < 0.8) out = out.slice(0, at) + char + out.slice(at);
    else out = out.slice(0, at) + char + out.slice(at + 1);
  }
  return out;
}

describe('robustness', () => {
  it('answers 400 mutated configs with a config or a located ConfigError', () => {
    const next = random(20261122);
    let rejected = 0;
    for (let i = 0; i < 400; i++) {
      const text = mutate(example, next);
      const lineCount = text.split('\n').length;
      try {
        parseConfig(text, { fileName: 'outcrop.json5', env });
      } catch (error) {
        expect(error, text).toBeInstanceOf(ConfigError);
        rejected++;
        for (const issue of (error as ConfigError).issues) {
          expect(issue.message.length).toBeGreaterThan(0);
          expect(issue.file).toBe('outcrop.json5');
          expect(issue.line, `${issue.path}: ${issue.message}`).toBeGreaterThanOrEqual(1);
          expect(issue.line!).toBeLessThanOrEqual(lineCount);
          expect(issue.column).toBeGreaterThanOrEqual(1);
        }
      }
    }
    expect(rejected).toBeGreaterThan(100); // the mutations do break things
  });

  it('rejects pathological nesting without overflowing the stack', () => {
    const deep = `{ $schema: ${'['.repeat(50_000)}${']'.repeat(50_000)} }`;
    expect(() => parseConfig(deep, { fileName: 'outcrop.json5', env })).toThrow(
      /^\$schema(\[0\]){64}: nested deeper than 64 levels \(outcrop\.json5\)$/,
    );
  });

  it('treats blank and comment-only files as an empty config, but not an unterminated comment', () => {
    for (const text of ['', '  \n\t', '// nothing yet\n/* at all */\n', '\uFEFF']) {
      expect(parseConfig(text, { env: {} }).gateway.port).toBe(4141);
    }
    expect(() => parseConfig('/* open', { fileName: 'outcrop.json5', env: {} })).toThrow(ConfigError);
  });

  it('accepts a byte order mark before the config', () => {
    expect(parseConfig('\uFEFF{ gateway: { port: 8080 } }', { env: {} }).gateway.port).toBe(8080);
  });
});
