// A raw HTTP client for the gateway (node:http, so the suite controls sockets and sees every byte).
import { type Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function postJson(
  url: string,
  path: string,
  body: string,
  headers: Record<string, string>,
  options: { agent?: Agent; timeoutMs?: number } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      { method: 'POST', headers, ...(options.agent ? { agent: options.agent } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('client safety timeout')));
    req.on('error', reject);
    req.end(body);
  });
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
