// Which native body a model takes through InvokeModel, and how each body becomes a reply: Anthropic Messages,
// Nova messages-v1 and Llama prompts go through the emulator's Converse reply model; embedding models answer
// with deterministic vectors.
import type { CatalogModel } from './catalog-types.js';
import type { AwsError } from './http-io.js';
import {
  anthropicBodySchema,
  anthropicResponse,
  anthropicStreamEvents,
  anthropicToConverse,
} from './invoke-anthropic.js';
import {
  cohereEmbedResponse,
  cohereEmbedSchema,
  cohereInputTokens,
  titanEmbedResponse,
  titanEmbedSchema,
} from './invoke-embeddings.js';
import {
  llamaBodySchema,
  llamaResponse,
  llamaStreamChunks,
  llamaText,
  llamaToConverse,
  novaBodySchema,
  novaResponse,
  novaStreamChunks,
  novaToConverse,
} from './invoke-native-text.js';
import { parseModelBody } from './malformed-input.js';
import type { ReplyMessage } from './reply.js';
import { converseResponse } from './reply-stream.js';
import { seededRandom, tokenCount, wordChunks } from './reply-text.js';
import type { ConverseBody } from './request-body.js';

export type Dialect = 'anthropic' | 'nova' | 'llama' | 'titan-embed' | 'cohere-embed';

export function dialectOf(model: CatalogModel): Dialect | undefined {
  const id = model.modelId;
  if (id.startsWith('anthropic.claude')) return 'anthropic';
  if (/^amazon\.nova-(micro|lite|pro|premier|2-lite)/.test(id)) return 'nova';
  if (id.startsWith('meta.llama')) return 'llama';
  if (id.startsWith('amazon.titan-embed-text')) return 'titan-embed';
  if (id.startsWith('cohere.embed')) return 'cohere-embed';
  return undefined;
}

/** A chat dialect: the request in Converse terms and the reply in the model's own shapes. */
export interface ChatDialect {
  kind: 'chat';
  converse: ConverseBody;
  response(reply: ReplyMessage, latencyMs: number): Record<string, unknown>;
  chunks(reply: ReplyMessage): Record<string, unknown>[];
}

export interface EmbeddingDialect {
  kind: 'embedding';
  inputTokens: number;
  response(requestId: string): Record<string, unknown>;
}

export type Prepared = ChatDialect | EmbeddingDialect;

export function prepare(
  dialect: Dialect,
  model: CatalogModel,
  json: unknown,
): Prepared | { error: AwsError } {
  const seed = JSON.stringify(json);
  const pieces = (text: string) => wordChunks(text, seededRandom(seed + text));
  switch (dialect) {
    case 'anthropic': {
      const parsed = parseModelBody(anthropicBodySchema, json);
      if ('error' in parsed) return parsed;
      return {
        kind: 'chat',
        converse: anthropicToConverse(parsed.body),
        response: (reply) => anthropicResponse(reply, model.modelId, seed),
        chunks: (reply) => anthropicStreamEvents(reply, model.modelId, seed, pieces),
      };
    }
    case 'nova': {
      const parsed = parseModelBody(novaBodySchema, json);
      if ('error' in parsed) return parsed;
      return {
        kind: 'chat',
        converse: novaToConverse(parsed.body),
        response: (reply, latencyMs) => novaResponse(converseResponse(reply, latencyMs), reply),
        chunks: (reply) => novaStreamChunks(reply, seed),
      };
    }
    case 'llama': {
      const parsed = parseModelBody(llamaBodySchema, json);
      if ('error' in parsed) return parsed;
      return {
        kind: 'chat',
        converse: llamaToConverse(parsed.body),
        response: (reply) => llamaResponse(reply),
        chunks: (reply) => llamaStreamChunks(reply, pieces(llamaText(reply))),
      };
    }
    case 'titan-embed': {
      const parsed = parseModelBody(titanEmbedSchema, json);
      if ('error' in parsed) return parsed;
      return {
        kind: 'embedding',
        inputTokens: tokenCount(parsed.body.inputText),
        response: () => titanEmbedResponse(model.modelId, parsed.body),
      };
    }
    case 'cohere-embed': {
      const parsed = parseModelBody(cohereEmbedSchema, json);
      if ('error' in parsed) return parsed;
      return {
        kind: 'embedding',
        inputTokens: cohereInputTokens(parsed.body),
        response: (requestId) => cohereEmbedResponse(model.modelId, parsed.body, requestId),
      };
    }
  }
}

/** Text the scenario marker may hide in, from any of the native bodies (before the body is validated). */
export function markerBody(json: Record<string, unknown>): ConverseBody {
  const texts: string[] = [];
  const messages = Array.isArray(json.messages) ? json.messages : [];
  const lastUser = [...messages].reverse().find((m) => (m as { role?: unknown })?.role === 'user') as
    | { content?: unknown }
    | undefined;
  if (typeof lastUser?.content === 'string') texts.push(lastUser.content);
  else if (Array.isArray(lastUser?.content)) {
    for (const block of lastUser.content) {
      if (typeof (block as { text?: unknown })?.text === 'string')
        texts.push((block as { text: string }).text);
    }
  }
  for (const key of ['prompt', 'inputText'] as const) {
    if (typeof json[key] === 'string') texts.push(json[key] as string);
  }
  if (Array.isArray(json.texts)) texts.push(...json.texts.filter((t): t is string => typeof t === 'string'));
  return { messages: [{ role: 'user', content: texts.map((text) => ({ text })) }] };
}
