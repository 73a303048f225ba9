import { describe, expect, it } from 'vitest';
import { closestMatches, didYouMean, editDistance } from './did-you-mean.js';

describe('did you mean', () => {
  it('measures edits case-insensitively', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('baseURL', 'baseUrl')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests only plausible typos', () => {
    const keys = ['providers', 'bedrockDiscovery'];
    expect(didYouMean('provider', keys)).toBe('providers');
    expect(didYouMean('bedrockDiscvery', keys)).toBe('bedrockDiscovery');
    expect(didYouMean('plugins', keys)).toBeUndefined();
    expect(didYouMean('apu', ['api'])).toBe('api');
    expect(didYouMean('xyz', ['api'])).toBeUndefined();
  });

  it('orders candidates by distance', () => {
    expect(closestMatches('sonet', ['haiku', 'sonnet', 'opus', 'sonnet'], 2)).toEqual(['sonnet', 'opus']);
  });
});
