import type { ServerResponse } from 'node:http';
import type { OpenAIErrorBody } from './errors.js';

/**
 * Server-sent events over one response, with backpressure: when the socket buffer is full `send` waits for
 * `drain` (or the client leaving), so the caller stops pulling from upstream and memory per stream stays bounded.
 */
export class SseWriter {
  private readonly res: ServerResponse;
  private ended = false;
  private corked = false;
  private corkedBytes = 0;
  /** Off until the first token has left: batching must never delay time to first token. */
  private batching = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private wroteSinceBeat = false;

  private readonly canBatch: boolean;

  /** `batch`: whether `startBatching()` may cork the response (default: only where corking is known to work). */
  constructor(res: ServerResponse, options: { batch?: boolean } = {}) {
    this.res = res;
    this.canBatch = options.batch ?? CORKING_WORKS;
  }

  /** True once the client has gone or the stream was ended. */
  get closed(): boolean {
    return this.ended || this.res.destroyed || this.res.writableEnded;
  }

  /**
   * Writes one `data:` event (an object, or JSON text already serialized). Returns true when the socket buffer is
   * full: the caller should `await drained()` before producing more. Once batching is on, the writes made in one
   * turn of the event loop (a burst of events parsed from one upstream read) leave in one socket write, up to
   * BATCH_BYTES.
   */
  write(data: object | string, event?: string): boolean {
    if (this.closed) return false;
    const payload = `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
    // Named events (Anthropic's dialect) carry their type in an `event:` line too.
    const text = event === undefined ? payload : `event: ${event}\n${payload}`;
    if (this.batching) {
      if (!this.corked) {
        this.corked = true;
        this.res.cork();
        setImmediate(this.uncork);
      }
      this.corkedBytes += text.length;
    }
    this.wroteSinceBeat = true;
    const full = !this.res.write(text);
    if (this.corkedBytes >= BATCH_BYTES) this.uncork();
    return full;
  }

  /** From now on, batch writes per turn of the event loop (call after the first token is written). */
  startBatching(): void {
    this.batching = this.canBatch;
  }

  /** Sends an SSE comment (ignored by clients) whenever `ms` pass without an event. */
  startHeartbeat(ms: number): void {
    this.heartbeat = setInterval(() => {
      if (this.closed) return this.stopHeartbeat();
      if (!this.wroteSinceBeat) this.res.write(': keep-alive\n\n');
      this.wroteSinceBeat = false;
    }, ms);
    this.heartbeat.unref();
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Writes one event and waits while the socket buffer is full. */
  async send(data: object | string): Promise<void> {
    if (this.write(data)) await this.drained();
  }

  private readonly uncork = () => {
    if (!this.corked) return;
    this.corked = false;
    this.corkedBytes = 0;
    // end() has already fully uncorked the socket, which may by now serve the connection's next request.
    if (!this.res.writableEnded) this.res.uncork();
  };

  /** Ends a stream that finished normally (OpenAI's dialects close with `[DONE]`, Anthropic's with nothing). */
  done(final = 'data: [DONE]\n\n'): void {
    if (this.closed) return;
    this.end(final);
  }

  /**
   * Ends a stream that failed: an `error` event the OpenAI clients raise as an APIError, then close. There is no
   * `[DONE]` and no finish chunk, so no client mistakes a failure for a normal stop.
   */
  fail(body: OpenAIErrorBody | object, event?: string): void {
    if (this.closed) return;
    const prefix = event === undefined ? '' : `event: ${event}\n`;
    this.end(`${prefix}data: ${JSON.stringify(body)}\n\n`);
  }

  /**
   * Uncorks before ending: on Node 22 `end()` on a corked response writes the chunked terminator ahead of the
   * corked events, and the client fails with "Parse Error: Expected HTTP/" (Node 20 flushed them in order).
   */
  private end(text: string): void {
    this.ended = true;
    this.uncork();
    this.res.end(text);
  }

  /** Resolves when the socket can take more, or the client has gone. */
  drained(): Promise<void> {
    if (this.closed) return Promise.resolve();
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

const BATCH_BYTES = 16 * 1024;

/**
 * On Node 22 a corked chunked response that a paused reader backs up never flushes its batch again: a writer
 * waiting for 'drain' waits forever (test/backpressure.test.ts hangs; Node 20 is fine). Until that is understood,
 * Node 22 sends each event in its own socket write: correct, a little more CPU per event.
 */
const CORKING_WORKS = Number(process.versions.node.split('.')[0]) < 22;

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
} as const;
