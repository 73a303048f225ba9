// A provider stream opened on its first next(), so that resolving a ref and loading a provider fail as a stream
// part rather than a throw, with no generator layer on the hot path.
import { callFailure } from './errors.js';
import type { StreamPart } from './stream-parts.js';

/**
 * A stream opened on the first next(): a failure to open (unknown ref, no provider) is one terminal `error`
 * part, as every stream failure is; after that, next() goes straight to the provider's iterator.
 */
export function lazyStream(
  open: () => Promise<AsyncIterable<StreamPart>>,
  signal: AbortSignal | undefined,
): AsyncIterable<StreamPart> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<StreamPart> {
      let inner: AsyncIterator<StreamPart> | undefined;
      let done = false;
      const openFirst = async (): Promise<IteratorResult<StreamPart>> => {
        try {
          inner = (await open())[Symbol.asyncIterator]();
        } catch (error) {
          done = true;
          return { done: false, value: { type: 'error', error: callFailure(error, signal) } };
        }
        return inner.next();
      };
      return {
        // Not an async method: once open, each part is the provider's own promise, with no extra hops.
        next(): Promise<IteratorResult<StreamPart>> {
          if (done) return Promise.resolve({ done: true, value: undefined });
          if (!inner) return openFirst();
          try {
            return inner.next();
          } catch (error) {
            return Promise.reject(error);
          }
        },
        async return(): Promise<IteratorResult<StreamPart>> {
          done = true;
          await inner?.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
