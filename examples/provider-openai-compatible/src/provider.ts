// The provider: POST /chat/completions with stream: true, read the SSE body, map chunks to parts.
// It implements ProviderV1 from @outcrop/provider and loads nothing from AWS.
import {
  type CallOptions,
  type Context,
  guardStream,
  type ModelSpec,
  ProviderError,
  type ProviderV1,
  type StreamPart,
} from '@outcrop/provider';
import { parseChatProviderOptions } from './provider-options.js';
import { toChatRequest } from './request.js';
import { sseData } from './sse.js';
import { type ChatChunk, ChatStreamMapper } from './stream-mapping.js';

export const OPENAI_CHAT_COMPLETIONS_API = 'openai-chat-completions';

export interface OpenAICompatibleSettings {
  /** Used when the model spec has no baseUrl, e.g. 'http://127.0.0.1:8080/v1'. */
  baseUrl?: string;
  /** Used when the model spec has no apiKey. */
  apiKey?: string;
  fetch?: typeof fetch;
}

export function createOpenAICompatibleProvider(settings: OpenAICompatibleSettings = {}): ProviderV1 {
  const fetchImpl = settings.fetch ?? fetch;
  return {
    specificationVersion: 'v1',
    api: OPENAI_CHAT_COMPLETIONS_API,
    stream(model: ModelSpec, context: Context, options: CallOptions = {}): AsyncIterable<StreamPart> {
      const { signal } = options;
      return guardStream(async function* () {
        yield { type: 'stream-start', model: { provider: model.provider, id: model.id, api: model.api } };
        const extras = parseChatProviderOptions(options.providerOptions, model.provider);
        const body = toChatRequest(model.id, context, options, extras);
        const baseUrl = model.baseUrl ?? settings.baseUrl;
        if (!baseUrl)
          throw new ProviderError('validation', `Model ${model.id} has no baseUrl.`, { location: 'baseUrl' });
        const apiKey = model.apiKey ?? settings.apiKey;
        let response: Response;
        try {
          response = await fetchImpl(`${baseUrl.replace(/\/$/, '')}/chat/completions`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              accept: 'text/event-stream',
              ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
              ...model.headers,
              ...options.headers,
            },
            body: JSON.stringify(body),
            ...(signal ? { signal } : {}),
          });
        } catch (error) {
          throw signal?.aborted
            ? new ProviderError('aborted', 'The request was aborted.', { cause: error })
            : new ProviderError('service_unavailable', `Could not reach ${new URL(baseUrl).host}.`, {
                cause: error,
              });
        }
        if (!response.ok || !response.body) throw await httpError(response);
        const mapper = new ChatStreamMapper(model);
        try {
          for await (const data of sseData(response.body)) {
            let chunk: ChatChunk;
            try {
              chunk = JSON.parse(data) as ChatChunk;
            } catch (cause) {
              throw new ProviderError('protocol', 'The server sent an event that is not JSON.', { cause });
            }
            yield* mapper.map(chunk);
          }
        } catch (error) {
          yield* mapper.closeAll();
          throw signal?.aborted
            ? new ProviderError('aborted', 'The request was aborted.', { cause: error })
            : error;
        }
        if (signal?.aborted) throw new ProviderError('aborted', 'The request was aborted.');
        yield* mapper.finish();
      }, signal);
    },
  };
}

const STATUS_CODES: Record<number, ConstructorParameters<typeof ProviderError>[0]> = {
  400: 'validation',
  401: 'authentication',
  403: 'access_denied',
  404: 'not_found',
  408: 'timeout',
  413: 'context_overflow',
  429: 'throttled',
  503: 'service_unavailable',
};

async function httpError(response: Response): Promise<ProviderError> {
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 500);
  try {
    message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
  } catch {
    // not JSON: keep the text
  }
  const code = STATUS_CODES[response.status] ?? (response.status >= 500 ? 'internal' : 'validation');
  const requestId = response.headers.get('x-request-id') ?? undefined;
  return new ProviderError(code, `HTTP ${response.status}: ${message || response.statusText}`, {
    upstreamName: String(response.status),
    ...(requestId ? { requestId } : {}),
  });
}
