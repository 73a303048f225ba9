// Automatic prompt-cache points: after the tools, after the system prompt, and at the end of the two most
// recent user turns, never more than Bedrock's limit of four per request.
import type { CacheRetention } from '../spec.js';
import type { Warning } from '../stream-parts.js';
import type { BedrockConverseRequest, CachePointBlock, CacheTtl } from './bedrock-types.js';

export const MAX_CACHE_POINTS = 4;

export interface CachePlacement {
  retention: CacheRetention | undefined;
  /** The model supports prompt caching (capability table). */
  promptCaching: boolean;
  /** The model accepts a cache point in toolConfig.tools (Claude; Nova caches only system and messages). */
  toolCachePoints: boolean;
  /** The model takes the 1 hour TTL (Claude); others cache for their default 5 minutes. */
  longTtl: boolean;
}

/**
 * Claude models that take the 1 hour cache TTL on Bedrock: Claude 4.5 and later (AWS prompt-caching docs,
 * "Supported models"); Bedrock rejects `ttl: "1h"` on older Claude models.
 */
export function hasLongCacheTtl(modelId: string): boolean {
  return /claude-(opus|sonnet|haiku)-(4-[5-9]|[5-9])(-|$)|claude-(opus|sonnet|haiku)-[5-9]-/.test(modelId);
}

/** Adds cache points to the request in place; returns warnings. */
export function placeCachePoints(request: BedrockConverseRequest, placement: CachePlacement): Warning[] {
  const retention = placement.retention ?? 'none';
  if (retention === 'none') return [];
  if (!placement.promptCaching) {
    return [
      {
        code: 'unsupported-setting',
        setting: 'cacheRetention',
        message: `This model does not support prompt caching; cacheRetention "${retention}" was ignored.`,
      },
    ];
  }
  const warnings: Warning[] = [];
  const long = retention === 'long' && placement.longTtl;
  if (retention === 'long' && !long) {
    warnings.push({
      code: 'unsupported-setting',
      setting: 'cacheRetention',
      message: 'This model has no 1 hour cache TTL; cache points use its default of 5 minutes.',
    });
  }
  const point = (): CachePointBlock => ({ cachePoint: cachePoint(long ? '1h' : undefined) });
  let budget = MAX_CACHE_POINTS - countCachePoints(request);
  const tools = request.toolConfig?.tools;
  if (budget > 0 && placement.toolCachePoints && tools?.length) {
    tools.push(point());
    budget--;
  }
  if (budget > 0 && request.system?.length) {
    request.system.push(point());
    budget--;
  }
  // The two most recent user turns, newest first: the next request reads the prefix this one wrote.
  let turns = 0;
  for (let i = request.messages.length - 1; i >= 0 && budget > 0 && turns < 2; i--) {
    const message = request.messages[i]!;
    if (message.role !== 'user') continue;
    message.content.push(point());
    budget--;
    turns++;
  }
  return warnings;
}

function cachePoint(ttl: CacheTtl | undefined): CachePointBlock['cachePoint'] {
  return ttl ? { type: 'default', ttl } : { type: 'default' };
}

export function countCachePoints(request: BedrockConverseRequest): number {
  const isPoint = (block: object) => 'cachePoint' in block;
  return (
    (request.toolConfig?.tools.filter(isPoint).length ?? 0) +
    (request.system?.filter(isPoint).length ?? 0) +
    countMessagePoints(request)
  );
}

function countMessagePoints(request: BedrockConverseRequest): number {
  return request.messages.reduce((n, m) => n + m.content.filter((block) => 'cachePoint' in block).length, 0);
}
