// The gateway's replies as the reliability suite reads them: POSTs through the shared raw client
// (tooling/test-http, so the suite controls sockets and sees every byte) and OpenAI-style SSE bodies.
import type { Agent } from 'node:http';
import { type RawResponse, rawRequest } from '@outcrop/test-http';

export function postJson(
  url: string,
  path: string,
  body: string,
  headers: Record<string, string>,
  options: { agent?: Agent; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return rawRequest(url, { method: 'POST', path, headers, body, ...options });
}

export interface SseResult {
  /** Concatenated `delta.content` of every chunk. */
  text: string;
  finishReason: string | null | undefined;
  /** The `error` object of an error event, if the stream carried one. */
  error?: { message?: string; type?: string; code?: string };
  done: boolean;
  events: number;
}

/** Reads an OpenAI-style SSE body. */
export function parseSse(body: string): SseResult {
  const result: SseResult = { text: '', finishReason: undefined, done: false, events: 0 };
  for (const block of body.split('\n\n')) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n');
    if (!data) continue;
    if (data === '[DONE]') {
      result.done = true;
      continue;
    }
    result.events++;
    const event = JSON.parse(data) as {
      error?: SseResult['error'];
      choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
    };
    if (event.error) result.error = event.error;
    for (const choice of event.choices ?? []) {
      if (choice.delta?.content) result.text += choice.delta.content;
      if (choice.finish_reason) result.finishReason = choice.finish_reason;
    }
  }
  return result;
}

export function chatBody(model: string, prompt: string, stream = true): string {
  return JSON.stringify({ model, stream, messages: [{ role: 'user', content: prompt }] });
}
