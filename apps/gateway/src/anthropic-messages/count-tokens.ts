import type { Context } from '@outcrop/provider';
import type { CompletionContext } from '../chat-completions.js';
import { sendJson } from '../respond.js';
import { parseMessagesRequest } from './request.js';
import { toMessagesCall } from './request-mapping.js';

/** 4 characters of text per token: the rule of thumb Anthropic and AWS quote for English. */
const CHARS_PER_TOKEN = 4;
/** Anthropic sizes an image at about (width x height) / 750 tokens, at most ~1,600; the bytes alone do not say. */
const IMAGE_TOKENS = 1600;

/**
 * `POST /v1/messages/count_tokens`: the request validated and mapped like a real call, then estimated (text at 4
 * characters a token, images at their cap). The answer is labelled `x-outcrop-estimate` so nobody bills by it.
 */
export async function handleCountTokens(ctx: CompletionContext): Promise<number> {
  // count_tokens takes no max_tokens; validate the rest exactly as /v1/messages does.
  const body =
    typeof ctx.body === 'object' && ctx.body !== null && !('max_tokens' in ctx.body)
      ? { ...ctx.body, max_tokens: 1 }
      : ctx.body;
  const request = parseMessagesRequest(body);
  const { context } = toMessagesCall(request);
  sendJson(
    ctx.res,
    200,
    { input_tokens: estimateTokens(context) },
    {
      ...ctx.headers,
      'x-outcrop-estimate': 'chars/4',
    },
  );
  return 200;
}

export function estimateTokens(context: Context): number {
  let chars = 0;
  let images = 0;
  const text = (value: unknown) => {
    chars += typeof value === 'string' ? value.length : JSON.stringify(value ?? '').length;
  };
  for (const system of [context.system ?? []].flat()) text(system);
  for (const tool of context.tools ?? []) text([tool.name, tool.description ?? '', tool.parameters]);
  for (const message of context.messages) {
    if (typeof message.content === 'string') {
      text(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text') text(part.text);
      else if (part.type === 'image') images++;
      else if (part.type === 'reasoning') text(part.text);
      else if (part.type === 'tool-call') text([part.toolName, part.arguments]);
      else if (
        part.type === 'document' &&
        typeof part.data === 'string' &&
        part.mediaType.startsWith('text/')
      )
        text(Buffer.from(part.data, 'base64').toString('utf8'));
    }
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + images * IMAGE_TOKENS;
}
