import {
  abortReason,
  CallObserver,
  type CompletionContext,
  seconds,
  startDialectCall,
  streamParts,
} from '../chat-completions.js';
import { GatewayError } from '../errors.js';
import { withAutoCache } from '../openai-request-mapping.js';
import { sendJson } from '../respond.js';
import { parseResponsesRequest, toResponsesCall } from './request.js';
import { ResponseBuilder, responseId } from './response.js';

const ROUTE = 'responses';

/** The provider's setting names as a Responses request spells them, for `x-outcrop-warnings`. */
export const RESPONSES_PARAM: Record<string, string> = {
  reasoning: 'reasoning.effort',
  maxTokens: 'max_output_tokens',
  topP: 'top_p',
  toolChoice: 'tool_choice',
  responseFormat: 'text.format',
};

/** Serves one Responses call, streaming or not; nothing is stored (`store: false`). */
export async function handleResponses(ctx: CompletionContext): Promise<number> {
  const { metrics } = ctx;
  const { request, context, options, spec, model, warnings } = await startDialectCall(ctx, {
    parse: parseResponsesRequest,
    map: toResponsesCall,
    params: RESPONSES_PARAM,
  });
  const builder = new ResponseBuilder({
    id: responseId(),
    model: request.model,
    createdAt: Math.floor(Date.now() / 1000),
    echo: {
      instructions: request.instructions ?? null,
      tools: request.tools ?? [],
      tool_choice: request.tool_choice ?? 'auto',
      parallel_tool_calls: true,
      text: request.text ?? { format: { type: 'text' } },
      reasoning: request.reasoning ?? null,
      max_output_tokens: request.max_output_tokens ?? null,
      temperature: request.temperature ?? null,
      top_p: request.top_p ?? null,
      metadata: request.metadata ?? {},
    },
  });
  ctx.log.info({ model, stream: request.stream === true, messages: context.messages.length }, 'responses');

  metrics.activeStreams.add(1);
  try {
    const parts = ctx.backend.stream(spec, context, { ...withAutoCache(options, spec), signal: ctx.signal });
    // Reasoning travels in encrypted_content, so the gateway keeps none of it.
    const observer = new CallObserver(ctx, model, warnings, false);
    if (request.stream !== true) {
      let finished = false;
      try {
        for await (const part of parts) {
          observer.see(part);
          if (part.type === 'error') throw part.error;
          if (part.type === 'finish') finished = true;
          builder.see(part);
        }
      } catch (err) {
        throw abortReason(ctx.signal) ?? err;
      }
      if (!finished) throw new GatewayError('truncated', 'The model stream ended without finishing.');
      sendJson(ctx.res, 200, builder.response(), ctx.headers);
      return 200;
    }
    return await streamParts(ctx, parts, observer, {
      start: (sse) => builder.start(sse),
      write: (part, sse) => builder.see(part, sse),
      fail: (sse, code, message) => builder.fail(sse, code, message),
      done: (sse) => sse.done(''),
      params: RESPONSES_PARAM,
    });
  } finally {
    metrics.activeStreams.add(-1);
    metrics.duration.observe(seconds(ctx.startedAt), { route: ROUTE, model });
  }
}
