// Automatic prompt-cache points: after the tools, after the system prompt, and at the end of the two most
// recent user turns, never more than Bedrock's limit of four per request, and only where the prefix since the
// previous point reaches the model's minimum (AWS prompt caching: "a checkpoint before the minimum is accepted
// but the prefix is not cached", so a point below it only adds a 25% write premium nowhere).
import type { CacheRetention } from '../spec.js';
import type { Warning } from '../stream-parts.js';
import type { BedrockConverseRequest, CachePointBlock, CacheTtl } from './bedrock-types.js';
import { CHARS_PER_TOKEN, messageChars, systemChars, toolChars } from './token-estimate.js';

export const MAX_CACHE_POINTS = 4;

/** `auto`: the stable prefix (tools, system) with the longest TTL the model has, the conversation 5 min. */
export type CachePolicy = CacheRetention | 'auto';

export interface CachePlacement {
  retention: CachePolicy | undefined;
  /** The model supports prompt caching (capability table). */
  promptCaching: boolean;
  /** The model accepts a cache point in toolConfig.tools (Claude; Nova caches only system and messages). */
  toolCachePoints: boolean;
  /** The model takes the 1 hour TTL (Claude 4.5 and later); others cache for their default 5 minutes. */
  longTtl: boolean;
  /** Estimated prompt tokens a checkpoint needs since the previous one (undefined: no minimum known). */
  minTokens?: number | undefined;
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
        message: `This model does not support prompt caching; cache "${retention}" was ignored.`,
      },
    ];
  }
  const warnings: Warning[] = [];
  if (retention === 'long' && !placement.longTtl) {
    warnings.push({
      code: 'unsupported-setting',
      setting: 'cacheRetention',
      message: 'This model has no 1 hour cache TTL; cache points use its default of 5 minutes.',
    });
  }
  const long = placement.longTtl && retention !== 'short';
  // Bedrock wants TTLs non-increasing from tools to system to messages: auto keeps the turns at 5 minutes.
  const prefixTtl: CacheTtl | undefined = long ? '1h' : undefined;
  const turnTtl: CacheTtl | undefined = long && retention === 'long' ? '1h' : undefined;
  const minChars = (placement.minTokens ?? 0) * CHARS_PER_TOKEN;

  let budget = MAX_CACHE_POINTS - countCachePoints(request);
  let sincePoint = 0;
  let skipped = 0;
  const place = (blocks: object[], ttl: CacheTtl | undefined) => {
    if (budget <= 0) return;
    if (sincePoint < minChars) {
      skipped++;
      return;
    }
    blocks.push({ cachePoint: cachePoint(ttl) } satisfies CachePointBlock);
    budget--;
    sincePoint = 0;
  };
  const tools = request.toolConfig?.tools;
  sincePoint += toolChars(request);
  if (placement.toolCachePoints && tools?.length) place(tools, prefixTtl);
  sincePoint += systemChars(request);
  if (request.system?.length) place(request.system, prefixTtl);
  // The two most recent user turns: the next request reads the prefix this one wrote. Walk forward so each
  // turn's prefix length is known, then keep the last two eligible ones.
  const users: number[] = [];
  request.messages.forEach((message, i) => {
    if (message.role === 'user') users.push(i);
  });
  // With room for one point only, the newest turn takes it: it covers the longest prefix.
  const wanted = new Set(users.slice(users.length - Math.max(0, Math.min(2, budget))));
  request.messages.forEach((message, i) => {
    sincePoint += messageChars(message);
    if (wanted.has(i)) place(message.content, turnTtl);
  });
  if (skipped && placement.minTokens) {
    warnings.push({
      code: 'cache-point-skipped',
      setting: 'cacheRetention',
      message: `${skipped} cache point(s) left out: the prompt before them is under the model's minimum of ${placement.minTokens} tokens (estimated), so they would cache nothing.`,
    });
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
