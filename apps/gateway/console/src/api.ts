// The console's only door to the gateway: the same public HTTP API every client uses, with the signed-in
// credential as a bearer token. Nothing here is console-only except /console/api/overview.
import { session } from './session.js';

export interface Overview {
  /** What the signed-in credential may do: admins also manage keys. */
  role: 'admin' | 'key' | 'open';
  upstream: { kind: 'emulator' | 'bedrock'; region: string; credentialSource: string };
  discovery: { enabled: boolean; models: number; refreshedAt?: string };
  health: { ready: boolean; draining: boolean; inFlight: number };
  recentErrors: Array<{ at: string; status: number; code: string; message: string; route: string }>;
}

export interface ModelEntry {
  id: string;
  name?: string;
  context_window?: number;
  max_tokens?: number;
  capabilities?: Record<string, unknown>;
  region?: string;
  invocation?: string;
  cost?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number };
  emulator?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = session.token();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body) headers.set('content-type', 'application/json');
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) throw new ApiError(response.status, await errorMessage(response));
  return response;
}

async function errorMessage(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    const error = body.error;
    return (typeof error === 'string' ? error : error?.message) ?? body.message ?? text;
  } catch {
    return text || response.statusText;
  }
}

export async function getJson<T>(path: string): Promise<T> {
  return (await request(path)).json() as Promise<T>;
}

export async function sendJson<T>(path: string, method: 'POST' | 'DELETE', body?: unknown): Promise<T> {
  const response = await request(path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** One server-sent `data:` payload of a Chat Completions stream, parsed. */
export interface ChatChunk {
  choices?: Array<{
    delta?: {
      content?: string | null;
      reasoning_content?: string | null;
      tool_calls?: Array<{ index: number; id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    prompt_tokens_details?: { cached_tokens?: number; cache_write_tokens?: number };
  } | null;
}

/** Streams a chat completion; aborting `signal` closes the connection, which cancels the upstream call. */
export async function streamChat(body: unknown, signal: AbortSignal, onChunk: (chunk: ChatChunk) => void) {
  const response = await request('/v1/chat/completions', {
    method: 'POST',
    body: JSON.stringify(body),
    signal,
  });
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) throw new ApiError(502, 'The gateway sent no stream.');
  let buffered = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += value;
    let end = buffered.indexOf('\n\n');
    while (end >= 0) {
      const event = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const data = line.slice('data: '.length);
        if (data === '[DONE]') return;
        const parsed = JSON.parse(data) as ChatChunk & { error?: { message?: string } };
        if (parsed.error) throw new ApiError(502, parsed.error.message ?? 'The stream failed.');
        onChunk(parsed);
      }
      end = buffered.indexOf('\n\n');
    }
  }
}
