// Enforces the stream contract around any part source: a throw becomes a typed `error` part,
// a missing terminal part becomes a `protocol` error, and nothing passes after the first terminal part.
import { ProviderError, toProviderError } from './errors.js';
import { isTerminalPart, type StreamPart } from './stream-parts.js';

/** Enforces "exactly one terminal part, last" around any part source. */
export function guardStream(
  source: () => AsyncIterable<StreamPart>,
  signal?: AbortSignal,
): AsyncIterable<StreamPart> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for await (const part of source()) {
          yield part;
          if (isTerminalPart(part)) return;
        }
      } catch (error) {
        yield { type: 'error', error: signal?.aborted ? abortedError(error) : toProviderError(error) };
        return;
      }
      yield {
        type: 'error',
        error: signal?.aborted
          ? abortedError(undefined)
          : new ProviderError('protocol', 'The provider ended the stream without a finish or error part.'),
      };
    },
  };
}

function abortedError(cause: unknown): ProviderError {
  if (ProviderError.isInstance(cause) && cause.code === 'aborted') return cause;
  return new ProviderError('aborted', 'The request was aborted.', { cause });
}
