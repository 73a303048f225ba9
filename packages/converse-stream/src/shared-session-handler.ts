import { NodeHttp2Handler } from '@smithy/node-http-handler';

/**
 * Streams one HTTP/2 session carries at most. Well under the 100 that RFC 9113 §6.5.2 recommends a server allow
 * (SETTINGS_MAX_CONCURRENT_STREAMS): over a server's limit, a new stream would wait for another to end, which
 * for long streams means minutes. It also bounds what one failed connection takes with it. 1,000 streams then
 * need 50 sessions instead of 1,000.
 */
export const STREAMS_PER_SESSION = 20;

type HandleArgs = Parameters<NodeHttp2Handler['handle']>;

/**
 * The SDK's HTTP/2 handler, with response event streams sharing pooled sessions (up to STREAMS_PER_SESSION
 * each) instead of one new session per stream. The SDK marks every event-stream operation `isEventStream`,
 * which forces an isolated session: a TCP (and TLS) connection, an nghttp2 session (~23 KB) and their socket
 * buffers for every ConverseStream (about 20 MB of a gateway's RSS at 1,000 slow streams), and a handshake
 * before every request. ConverseStream's only event stream is the response's, and HTTP/2 flow control is per
 * stream (Node refills the connection window as data arrives, the stream's only as it is read), so a slow
 * reader holds back its own stream, not its neighbours. Bidirectional operations are not sent through here.
 *
 * No session inactivity timeout (`sessionTimeout: 0`): a long silent thinking stream is ended by our own idle
 * timeout, not by the handler's. Once the response has arrived, the request's body is released (see below).
 * Once its client is retired, `retire()` destroys the sessions when the last stream it serves has closed, so
 * retiring a client never cuts a stream.
 */
export class SharedSessionHttp2Handler extends NodeHttp2Handler {
  #inFlight = 0;
  #retired = false;

  constructor() {
    super({ disableConcurrentStreams: false, maxConcurrentStreams: STREAMS_PER_SESSION, sessionTimeout: 0 });
  }

  override async handle(
    request: HandleArgs[0],
    options: NonNullable<HandleArgs[1]> = {},
  ): ReturnType<NodeHttp2Handler['handle']> {
    const { isEventStream: _forcesIsolatedSession, ...rest } = options;
    this.#inFlight++;
    let settled = false;
    const done = () => {
      if (settled) return;
      settled = true;
      this.#inFlight--;
      if (this.#retired && this.#inFlight === 0) this.destroy();
    };
    try {
      const result = await super.handle(request, rest);
      // The body has been sent (the handler resolves after writing it), and retries build a new request; the
      // handler's stream listeners keep `request` for the life of the stream, so let its body buffer go now.
      request.body = undefined;
      const body = result.response.body as NodeJS.ReadableStream & { destroyed?: boolean };
      if (body && typeof body.once === 'function' && !body.destroyed) body.once('close', done);
      else done();
      return result;
    } catch (error) {
      done();
      throw error;
    }
  }

  /** Destroys the sessions now if nothing is in flight, else once the last stream closes. */
  retire(): void {
    this.#retired = true;
    if (this.#inFlight === 0) this.destroy();
  }

  /** Requests sent and not yet closed (for tests and diagnostics). */
  get inFlight(): number {
    return this.#inFlight;
  }
}
