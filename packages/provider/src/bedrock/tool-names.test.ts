import { describe, expect, it } from 'vitest';
import { createToolNameMap } from './tool-names.js';

describe('createToolNameMap', () => {
  it('keeps valid names and renames the others reversibly, without collisions', () => {
    const map = createToolNameMap(['get_weather', 'files.read', 'files_read', 'a/b', 'x'.repeat(70)]);
    expect(map.toBedrock('get_weather')).toBe('get_weather');
    expect(map.toBedrock('files_read')).toBe('files_read');
    expect(map.toBedrock('files.read')).toBe('files_read_2');
    expect(map.toBedrock('a/b')).toBe('a_b');
    expect(map.toBedrock('x'.repeat(70))).toBe('x'.repeat(64));
    for (const name of ['get_weather', 'files.read', 'files_read', 'a/b', 'x'.repeat(70)]) {
      expect(map.fromBedrock(map.toBedrock(name))).toBe(name);
      expect(map.toBedrock(name)).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    }
    expect(map.fromBedrock('unknown')).toBe('unknown');
  });
});
