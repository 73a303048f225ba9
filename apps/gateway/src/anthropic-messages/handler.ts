import type { ModelSpec } from '@outcrop/provider';
import type { Backend } from '../backend.js';
import {
  abortReason,
  CallObserver,
  type CompletionContext,
  seconds,
  startDialectCall,
  streamParts,
} from '../chat-completions.js';
import { GatewayError } from '../errors.js';
import { sendJson } from '../respond.js';
import { anthropicErrorBody } from './errors.js';
import { bedrockIdForClaude } from './model-names.js';
import { parseMessagesRequest } from './request.js';
import { type MessagesCall, toMessagesCall } from './request-mapping.js';
import { MessageCollector, MessageEventMapper, messageId } from './response.js';

const ROUTE = 'messages';

/** The provider's setting names as a Messages request spells them, for `x-outcrop-warnings`. */
export const ANTHROPIC_PARAM: Record<string, string> = {
  reasoning: 'thinking',
  maxTokens: 'max_tokens',
  topP: 'top_p',
  stopSequences: 'stop_sequences',
  toolChoice: 'tool_choice',
  cache: 'cache_control',
  serviceTier: 'service_tier',
};

/**
 * `anthropic-beta` flags: Converse takes Anthropic betas as `anthropic_beta` in additionalModelRequestFields
 * (AWS, https://aws.amazon.com/blogs/opensource/using-strands-agents-with-claude-4-interleaved-thinking/ ;
 * langchain-ai/langchain-aws#492).
 * The provider asks for interleaved thinking itself whenever thinking is on with tools, so that flag is honoured
 * then; the gateway relays no other, and names each one as dropped.
 */
function droppedBetas(
  header: string | string[] | undefined,
  call: Pick<MessagesCall, 'context' | 'options'>,
): string[] {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  const interleaved =
    call.options.reasoning !== undefined &&
    call.options.reasoning !== 'off' &&
    (call.context.tools?.length ?? 0) > 0 &&
    call.options.toolChoice !== 'none';
  return value
    .split(',')
    .map((flag) => flag.trim())
    .filter((flag) => flag !== '' && !(interleaved && flag.startsWith('interleaved-thinking-')))
    .map((flag) => `dropped(anthropic-beta.${flag})`);
}

/** Serves one Messages call, streaming or not; returns the HTTP status it answered with. */
export async function handleMessages(ctx: CompletionContext): Promise<number> {
  const { metrics } = ctx;
  const { request, context, options, spec, model, warnings } = await startDialectCall(ctx, {
    parse: parseMessagesRequest,
    map: toMessagesCall,
    resolve: resolveClaude,
    params: ANTHROPIC_PARAM,
  });
  for (const label of droppedBetas(ctx.req.headers['anthropic-beta'], { context, options }))
    warnings.label(label);
  const meta = { id: messageId(), model: request.model };
  ctx.log.info({ model, stream: request.stream === true, messages: context.messages.length }, 'messages');

  metrics.activeStreams.add(1);
  try {
    const parts = ctx.backend.stream(spec, context, { ...options, signal: ctx.signal });
    const observer = new CallObserver(ctx, model, warnings, false);
    if (request.stream !== true) {
      const collector = new MessageCollector(meta);
      let message: Record<string, unknown> | undefined;
      try {
        for await (const part of parts) {
          observer.see(part);
          if (part.type === 'error') throw part.error;
          message = collector.see(part) ?? message;
        }
      } catch (err) {
        throw abortReason(ctx.signal) ?? err;
      }
      if (!message) throw new GatewayError('truncated', 'The model stream ended without finishing.');
      sendJson(ctx.res, 200, message, ctx.headers);
      return 200;
    }
    const mapper = new MessageEventMapper(meta);
    return await streamParts(ctx, parts, observer, {
      start: (sse) => mapper.start(sse),
      write: (part, sse) => mapper.write(part, sse),
      fail: (sse, code, message) => sse.fail(anthropicErrorBody(code, message), 'error'),
      done: (sse) => sse.done(''),
      errorShape: anthropicErrorBody,
      params: ANTHROPIC_PARAM,
    });
  } finally {
    metrics.activeStreams.add(-1);
    metrics.duration.observe(seconds(ctx.startedAt), { route: ROUTE, model });
  }
}

/** Config aliases and listed ids first; then Anthropic's own model names, matched to Bedrock's listing. */
export async function resolveClaude(backend: Backend, name: string): Promise<ModelSpec> {
  try {
    return await backend.resolveModel(name);
  } catch (err) {
    if (!(err instanceof GatewayError) || err.code !== 'unknown_model') throw err;
    const match = bedrockIdForClaude(
      name,
      (await backend.listModels()).map((entry) => entry.id),
    );
    if (match === undefined) throw err;
    return backend.resolveModel(match);
  }
}
