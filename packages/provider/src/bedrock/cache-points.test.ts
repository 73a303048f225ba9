// The cap is Bedrock's, not ours: "You can have up to four cache checkpoints per request" (Amazon Bedrock
// user guide, prompt caching: https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html).
// These requests already carry points, so a cap other than 4, or one that ignores them, places a wrong count.
import { describe, expect, it } from 'vitest';
import type { BedrockConverseRequest, CachePointBlock } from './bedrock-types.js';
import { type CachePlacement, hasLongCacheTtl, placeCachePoints } from './cache-points.js';

const POINT: CachePointBlock = { cachePoint: { type: 'default' } };
const claude: CachePlacement = {
  retention: 'short',
  promptCaching: true,
  toolCachePoints: true,
  longTtl: true,
};

function request(existing: { system?: number; firstTurn?: number }): BedrockConverseRequest {
  const points = (n = 0) => Array.from({ length: n }, () => ({ ...POINT }));
  return {
    modelId: 'anthropic.claude-sonnet-4-20250514-v1:0',
    toolConfig: { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] },
    system: [{ text: 'You are helpful.' }, ...points(existing.system)],
    messages: [
      { role: 'user', content: [{ text: 'one' }, ...points(existing.firstTurn)] },
      { role: 'assistant', content: [{ text: 'two' }] },
      { role: 'user', content: [{ text: 'three' }] },
      { role: 'assistant', content: [{ text: 'four' }] },
      { role: 'user', content: [{ text: 'five' }] },
    ],
  };
}

/** Where the points sit: tools, system, then each message, as the count of points in each. */
function layout(r: BedrockConverseRequest): number[] {
  const count = (blocks: object[] = []) => blocks.filter((b) => 'cachePoint' in b).length;
  return [count(r.toolConfig?.tools), count(r.system), ...r.messages.map((m) => count(m.content))];
}

describe('placeCachePoints with points already in the request', () => {
  it('without any, fills all four places: tools, system, the two newest user turns', () => {
    const r = request({});
    expect(placeCachePoints(r, claude)).toEqual([]);
    expect(layout(r)).toEqual([1, 1, 0, 0, 1, 0, 1]);
  });

  it('with one already (in the oldest turn), adds three: the newest user turn keeps its point, the next does not', () => {
    const r = request({ firstTurn: 1 });
    placeCachePoints(r, claude);
    expect(layout(r)).toEqual([1, 1, 1, 0, 0, 0, 1]);
  });

  it('with two already, adds only tools and system', () => {
    const r = request({ system: 1, firstTurn: 1 });
    placeCachePoints(r, claude);
    expect(layout(r)).toEqual([1, 2, 1, 0, 0, 0, 0]);
  });

  it('with four already, adds none and leaves the request as it was', () => {
    const r = request({ system: 2, firstTurn: 2 });
    const before = structuredClone(r);
    placeCachePoints(r, claude);
    expect(r).toEqual(before);
  });

  it('with five already (over the limit from the caller), adds none', () => {
    const r = request({ system: 3, firstTurn: 2 });
    placeCachePoints(r, claude);
    expect(layout(r)).toEqual([0, 3, 2, 0, 0, 0, 0]);
  });
});

describe('hasLongCacheTtl', () => {
  it.each([
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', true],
    ['anthropic.claude-haiku-4-5-20251001-v1:0', true],
    ['global.anthropic.claude-opus-4-6-v1', true],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', false],
    ['anthropic.claude-3-7-sonnet-20250219-v1:0', false],
    ['amazon.nova-pro-v1:0', false],
  ])('%s: %s', (id, expected) => {
    expect(hasLongCacheTtl(id)).toBe(expected);
  });
});
