import { describe, expect, it } from 'vitest';
import { colorEnabled } from './terminal.js';

const tty = { isTTY: true, write: () => true };
const pipe = { isTTY: false, write: () => true };

describe('colorEnabled', () => {
  it('colours a terminal and not a pipe by default', () => {
    expect(colorEnabled(tty, {}, undefined)).toBe(true);
    expect(colorEnabled(pipe, {}, undefined)).toBe(false);
  });

  it('NO_COLOR wins over FORCE_COLOR and a terminal', () => {
    expect(colorEnabled(tty, { NO_COLOR: '1', FORCE_COLOR: '1' }, undefined)).toBe(false);
  });

  it('an empty NO_COLOR does not count (no-color.org)', () => {
    expect(colorEnabled(tty, { NO_COLOR: '' }, undefined)).toBe(true);
  });

  it('FORCE_COLOR colours a pipe; FORCE_COLOR=0 turns a terminal off', () => {
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' }, undefined)).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0' }, undefined)).toBe(false);
  });

  it('--no-color turns a terminal off; TERM=dumb too', () => {
    expect(colorEnabled(tty, {}, false)).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb' }, undefined)).toBe(false);
  });
});
