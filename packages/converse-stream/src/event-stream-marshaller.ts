import { ConverseStreamError } from './errors.js';
import { mapEvent } from './event-mapping.js';
import type { BedrockStreamEvent } from './events.js';
import { type DecodedFrame, decodeFrame, FrameSplitter, type HeaderMemo } from './frame-decoder.js';
import { exceptionName, faultOf, StreamException } from './stream-exception.js';

function parsePayload(frame: DecodedFrame): unknown {
  if (frame.payload.length === 0) return {};
  // toString() without arguments is Buffer's shortest path to UTF-8.
  const text = frame.payload.toString();
  try {
    return JSON.parse(text);
  } catch {
    throw new StreamException({
      name: 'ProtocolError',
      message: 'invalid JSON payload',
      transportError: new ConverseStreamError({
        code: 'protocol',
        message: `Corrupt event stream: the payload of a "${frame.kind}" ${frame.messageType} is not JSON.`,
      }),
    });
  }
}

function frameException(frame: DecodedFrame): StreamException {
  if (frame.messageType === 'error') {
    return new StreamException({
      name: frame.kind || 'UnknownError',
      message: frame.errorMessage || 'UnknownError',
      fault: faultOf(frame.kind),
    });
  }
  const name = exceptionName(frame.kind);
  const body = parsePayload(frame) as { message?: unknown; Message?: unknown; originalStatusCode?: unknown };
  const message =
    typeof body.message === 'string' ? body.message : typeof body.Message === 'string' ? body.Message : '';
  const init: ConstructorParameters<typeof StreamException>[0] = { name, message, fault: faultOf(name) };
  if (typeof body.originalStatusCode === 'number') init.originalStatusCode = body.originalStatusCode;
  return new StreamException(init);
}

type Step = IteratorResult<BedrockStreamEvent, undefined>;
const DONE: Step = { done: true, value: undefined };

/** The first event of each decoding iterator, to the iterator (see `directEvents`). */
const firstEvents = new WeakMap<BedrockStreamEvent, BedrockEventIterator>();

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
}

/** Transport faults (corrupt or truncated frames) leave as the SDK-shaped exception the attempt classifies. */
function asStreamError(error: unknown): unknown {
  if (ConverseStreamError.isInstance(error)) {
    return new StreamException({ name: 'TransportError', message: error.message, transportError: error });
  }
  return error;
}

/**
 * Frames in, typed events out; exception frames and transport faults are thrown. A hand-written iterator, not
 * an async generator: an event whose frame is already in hand costs one resolved promise, where a generator
 * takes several promise hops per event (measured on the 1 MB tool-call bench), and the body is read only when
 * the frames of the last chunk are used up.
 */
class BedrockEventIterator implements AsyncIterableIterator<BedrockStreamEvent> {
  private source: AsyncIterator<Uint8Array> | undefined;
  private readonly splitter = new FrameSplitter();
  private readonly memo: HeaderMemo = {};
  private readonly frames: Buffer[] = [];
  private at = 0;
  private finished = false;
  /** Events handed out so far. */
  delivered = 0;
  /** Settles when the read in progress has; a next() meanwhile waits for it, as a generator would queue it. */
  private reading: Promise<void> | undefined;

  constructor(private readonly body: AsyncIterable<Uint8Array>) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<Step> {
    if (this.reading) return this.reading.then(() => this.next());
    if (this.finished) return Promise.resolve(DONE);
    if (this.at === this.frames.length) {
      const step = this.pull();
      const settled = (): void => {
        this.reading = undefined;
      };
      this.reading = step.then(settled, settled);
      return step;
    }
    try {
      return Promise.resolve({ done: false, value: this.decodeNext() });
    } catch (error) {
      return Promise.reject(this.fail(error));
    }
  }

  return(): Promise<Step> {
    this.finished = true;
    const source = this.source;
    if (!source?.return) return Promise.resolve(DONE);
    return source.return().then(
      () => DONE,
      () => DONE,
    );
  }

  private decodeNext(): BedrockStreamEvent {
    const frame = decodeFrame(this.frames[this.at++]!, this.memo);
    if (frame.messageType !== 'event') throw frameException(frame);
    const event = mapEvent(frame.kind, parsePayload(frame));
    if (this.delivered++ === 0) firstEvents.set(event, this);
    return event;
  }

  /** Reads chunks until one completes a frame, or the body ends. */
  private async pull(): Promise<Step> {
    this.source ??= this.body[Symbol.asyncIterator]();
    for (;;) {
      let chunk: IteratorResult<Uint8Array>;
      try {
        chunk = await this.source.next();
      } catch (error) {
        this.finished = true;
        throw asStreamError(error);
      }
      if (this.finished) return DONE;
      try {
        if (chunk.done) {
          this.finished = true;
          this.splitter.finish();
          return DONE;
        }
        this.frames.length = 0;
        this.at = 0;
        this.splitter.push(toBuffer(chunk.value), this.frames);
        if (this.at < this.frames.length) return { done: false, value: this.decodeNext() };
      } catch (error) {
        throw this.fail(error);
      }
    }
  }

  /** Ends the iteration on a decoding failure; the body is released as a `for await` over it would be. */
  private fail(error: unknown): unknown {
    const wasFinished = this.finished;
    this.finished = true;
    if (!wasFinished) this.source?.return?.().catch(() => undefined);
    return asStreamError(error);
  }
}

/**
 * The SDK reads the first event inside `send()` and hands back a generator that re-yields it and then every
 * other event: one more promise layer per event. Given the first event as it came out of the SDK and how many
 * events the caller has seen, this returns our own iterator to read the rest from directly, but only when the
 * SDK has taken no event from it that the caller has not seen (otherwise undefined: keep the SDK's stream).
 */
export function directEvents(
  first: BedrockStreamEvent,
  seen: number,
): AsyncIterator<BedrockStreamEvent, undefined> | undefined {
  const source = firstEvents.get(first);
  return source && source.delivered === seen ? source : undefined;
}

/** Frames in, typed events out; exception frames and transport faults are thrown. */
export function bedrockEvents(body: AsyncIterable<Uint8Array>): AsyncIterableIterator<BedrockStreamEvent> {
  return new BedrockEventIterator(body);
}

/**
 * An `eventStreamSerdeProvider` for the SDK client: the SDK hands us the raw response body and
 * we decode frames ourselves. This keeps unknown event kinds (the SDK drops them), makes corrupt
 * and truncated frames typed errors, and skips the SDK's per-event schema walk. The SDK still
 * reads the first event inside `send()`, so first-frame exceptions surface there.
 * Only output streams are supported: ConverseStream sends no event stream.
 */
export function bedrockEventStreamSerdeProvider(): {
  deserialize(body: AsyncIterable<Uint8Array>, deserializer: unknown): AsyncIterable<BedrockStreamEvent>;
  serialize(input: unknown, serializer: unknown): never;
} {
  return {
    deserialize: (body) => bedrockEvents(body),
    serialize: () => {
      throw new Error('@outcrop/converse-stream: this client decodes response event streams only.');
    },
  };
}
