import {
  type BedrockRuntimeClient,
  ConverseStreamCommand,
  type ConverseStreamCommandInput,
  type ConverseStreamCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import { setAttemptHeaders } from './attempt-headers.js';
import { classifyError, retryAfterMs } from './classify.js';
import { ConverseStreamError } from './errors.js';
import { directEvents } from './event-stream-marshaller.js';
import type { BedrockStreamEvent, BedrockUsage } from './events.js';
import type { ResolvedOptions } from './options.js';
import { StreamWatchdog, type TimeoutKind } from './watchdog.js';

/** Shared by the attempts of one `converseStream` call. */
export interface StreamState {
  messageStartEmitted: boolean;
  contentEmitted: boolean;
  requestId: string | undefined;
  /** The answer's stop reason and usage, for attempt observers. */
  stopReason?: string;
  usage?: BedrockUsage;
}

/** An attempt failed; carries the server's retry hint for the backoff. */
export class AttemptFailure extends Error {
  constructor(
    readonly error: ConverseStreamError,
    readonly retryAfterMs: number | undefined,
  ) {
    super(error.message);
  }
}

export function abortedError(signal: AbortSignal, requestId?: string): ConverseStreamError {
  const reason = signal.reason instanceof Error ? `: ${signal.reason.message}` : '';
  return new ConverseStreamError({
    code: 'aborted',
    message: `The request was aborted${reason}`,
    requestId,
    cause: signal.reason,
  });
}

function timeoutError(kind: TimeoutKind, ms: number, requestId: string | undefined): ConverseStreamError {
  return new ConverseStreamError({
    code: 'timeout',
    message:
      kind === 'first-event'
        ? `No event from Bedrock within ${ms} ms (first-event timeout)`
        : `No event from Bedrock for ${ms} ms (idle timeout)`,
    retryable: true,
    requestId,
  });
}

export interface AttemptInput {
  client: BedrockRuntimeClient;
  request: ConverseStreamCommandInput;
  options: ResolvedOptions;
  signal: AbortSignal | undefined;
  invocationId: string;
  attempt: number;
}

/**
 * Sends the attempt's command. Outside the generator below on purpose: a generator keeps its locals for as long
 * as it runs, so a command built there (with its own middleware stack, some 15 closures and their arrays) would
 * live as long as the stream; here it is garbage once the response has arrived.
 */
async function send(input: AttemptInput, signal: AbortSignal): Promise<ConverseStreamCommandOutput> {
  const command = new ConverseStreamCommand(input.request);
  setAttemptHeaders(command, input.invocationId, input.attempt, input.options.maxAttempts);
  return input.client.send(command, { abortSignal: signal });
}

/**
 * One HTTP attempt: send, then relay events until `messageStop` and the end of the body. The
 * first `messageStart` of the call is relayed once (a retry's own is dropped). Everything that
 * can go wrong leaves as an `AttemptFailure` holding a typed error; on any exit before the end
 * (error, timeout, consumer `break`) the HTTP/2 stream is cancelled.
 */
export async function* streamAttempt(
  input: AttemptInput,
  state: StreamState,
): AsyncGenerator<BedrockStreamEvent, void> {
  const { options, signal } = input;
  const controller = new AbortController();
  let timedOut: { kind: TimeoutKind; ms: number } | undefined;
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const watchdog = new StreamWatchdog(
    options.clock,
    options.firstEventTimeoutMs,
    options.idleTimeoutMs,
    (kind, ms) => {
      timedOut = { kind, ms };
      controller.abort(new Error(`${kind} timeout`));
    },
  );
  const fail = (raw: unknown): AttemptFailure => {
    if (timedOut)
      return new AttemptFailure(timeoutError(timedOut.kind, timedOut.ms, state.requestId), undefined);
    if (signal?.aborted) return new AttemptFailure(abortedError(signal, state.requestId), undefined);
    return new AttemptFailure(classifyError(raw, { requestId: state.requestId }), retryAfterMs(raw));
  };

  let completed = false;
  try {
    if (signal?.aborted) throw fail(undefined);
    watchdog.start();
    let output: ConverseStreamCommandOutput;
    try {
      output = await send(input, controller.signal);
    } catch (error) {
      throw fail(error);
    }
    state.requestId = output.$metadata.requestId;
    const stream = output.stream as AsyncIterable<BedrockStreamEvent> | undefined;
    if (!stream)
      throw fail(new ConverseStreamError({ code: 'protocol', message: 'The response has no event stream' }));
    let iterator = stream[Symbol.asyncIterator]();
    let seen = 0;
    let stopReason: string | undefined;
    for (;;) {
      watchdog.waiting();
      let step: IteratorResult<BedrockStreamEvent>;
      try {
        step = await iterator.next();
      } catch (error) {
        throw fail(error);
      }
      if (step.done) break;
      watchdog.received();
      const event = step.value;
      // After the event the SDK read ahead, read our decoder directly rather than through the SDK's re-yield.
      if (seen++ === 0) iterator = directEvents(event, seen) ?? iterator;
      if (event.type === 'messageStart') {
        if (state.messageStartEmitted) continue;
        state.messageStartEmitted = true;
      } else {
        state.contentEmitted = true;
        if (event.type === 'messageStop') stopReason = state.stopReason = event.stopReason;
        else if (event.type === 'metadata') state.usage = event.usage;
      }
      yield event;
    }
    // On HTTP/2 an aborted stream just ends: only the signal tells an abort from the end.
    if (controller.signal.aborted) throw fail(undefined);
    if (stopReason === undefined) {
      throw fail(
        new ConverseStreamError({
          code: 'truncated',
          message: 'The event stream ended without messageStop; the response is incomplete',
          retryable: true,
          requestId: state.requestId,
        }),
      );
    }
    completed = true;
  } finally {
    watchdog.stop();
    signal?.removeEventListener('abort', onAbort);
    if (!completed && !controller.signal.aborted) controller.abort(new Error('stream closed early'));
  }
}
