import type { ServerResponse } from 'node:http';
import type { OpenAIErrorBody } from './errors.js';

/**
 * Server-sent events over one response, with backpressure: when the socket buffer is full `send` waits for
 * `drain` (or the client leaving), so the caller stops pulling from upstream and memory per stream stays bounded.
 */
export class SseWriter {
  private readonly res: ServerResponse;
  private ended = false;

  constructor(res: ServerResponse) {
    this.res = res;
  }

  /** True once the client has gone or the stream was ended. */
  get closed(): boolean {
    return this.ended || this.res.destroyed || this.res.writableEnded;
  }

  /** Writes one `data:` event; resolves when the socket can take more. */
  async send(data: object): Promise<void> {
    if (this.closed) return;
    if (!this.res.write(`data: ${JSON.stringify(data)}\n\n`)) await this.drained();
  }

  /** Ends a stream that finished normally. */
  done(): void {
    if (this.closed) return;
    this.ended = true;
    this.res.end('data: [DONE]\n\n');
  }

  /**
   * Ends a stream that failed: an `error` event the OpenAI clients raise as an APIError, then close. There is no
   * `[DONE]` and no finish chunk, so no client mistakes a failure for a normal stop.
   */
  fail(body: OpenAIErrorBody): void {
    if (this.closed) return;
    this.ended = true;
    this.res.end(`data: ${JSON.stringify(body)}\n\n`);
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        this.res.off('drain', finish);
        this.res.off('close', finish);
        resolve();
      };
      this.res.on('drain', finish);
      this.res.on('close', finish);
    });
  }
}

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;
