import type { CompletionContext } from '../chat-completions.js';
import { sendJson } from '../respond.js';
import { resolveClaude } from './handler.js';
import { parseMessagesRequest } from './request.js';
import { toMessagesCall } from './request-mapping.js';

/**
 * `POST /v1/messages/count_tokens`: the request validated and mapped like a real call, then counted by the model's
 * provider (Bedrock CountTokens) where it can; an estimate is labelled `x-outcrop-estimate` so nobody bills by it.
 */
export async function handleCountTokens(ctx: CompletionContext): Promise<number> {
  // count_tokens takes no max_tokens; validate the rest exactly as /v1/messages does.
  const body =
    typeof ctx.body === 'object' && ctx.body !== null && !('max_tokens' in ctx.body)
      ? { ...ctx.body, max_tokens: 1 }
      : ctx.body;
  const request = parseMessagesRequest(body);
  const { context } = toMessagesCall(request);
  const spec = await resolveClaude(ctx.backend, request.model);
  const count = await ctx.backend.countTokens(spec, context, { signal: ctx.signal });
  const headers =
    count.source === 'estimate' ? { ...ctx.headers, 'x-outcrop-estimate': 'chars/4' } : ctx.headers;
  sendJson(ctx.res, 200, { input_tokens: count.inputTokens }, headers);
  return 200;
}
