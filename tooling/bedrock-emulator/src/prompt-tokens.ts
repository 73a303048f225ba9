// The prompt as the model sees it (tools, system, messages), in parts with their size and whether a cache
// point follows, for token estimates (ceil(characters / 4)) and prompt caching. Media count a fixed
// 6400 characters (about 1600 tokens, Claude's estimate for an image of ~1.15 megapixels), not their bytes.
import type { ContentBlock, ConverseBody } from './request-body.js';

export interface PromptPart {
  /** What identifies the part for the prompt cache. */
  key: string;
  chars: number;
  cachePoint?: { ttl: string };
}

const MEDIA_CHARS = 6400;

function blockPart(block: ContentBlock): PromptPart {
  const point = block.cachePoint as { ttl?: string } | undefined;
  if (point) return { key: '', chars: 0, cachePoint: { ttl: point.ttl ?? '5m' } };
  if (typeof block.text === 'string') return { key: block.text, chars: block.text.length };
  if (block.image || block.video || block.audio || block.document) {
    const key = JSON.stringify(block);
    const text = (block.document as { source?: { text?: string } } | undefined)?.source?.text;
    return { key, chars: typeof text === 'string' ? text.length : MEDIA_CHARS };
  }
  const key = JSON.stringify(block);
  return { key, chars: key.length };
}

export function promptParts(body: ConverseBody): PromptPart[] {
  const parts: PromptPart[] = [];
  for (const tool of body.toolConfig?.tools ?? []) {
    const point = tool.cachePoint as { ttl?: string } | undefined;
    if (point) parts.push({ key: '', chars: 0, cachePoint: { ttl: point.ttl ?? '5m' } });
    else {
      const key = tool.toolSpec ? JSON.stringify(tool.toolSpec) : '';
      parts.push({ key, chars: key.length });
    }
  }
  for (const block of body.system ?? []) parts.push(blockPart(block));
  for (const message of body.messages ?? [])
    for (const block of message.content ?? []) parts.push(blockPart(block));
  return parts;
}

/** Estimated input tokens of the whole prompt. */
export function promptTokens(body: ConverseBody): number {
  return Math.ceil(promptParts(body).reduce((sum, part) => sum + part.chars, 0) / 4);
}
