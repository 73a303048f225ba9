// stream(): looks up the model's API and guards the contract whatever the implementation does:
// a throw becomes a typed `error` part, a missing terminal part becomes a `protocol` error, and
// nothing is passed on after the first terminal part.
import { ProviderError, toProviderError } from './errors.js';
import { getApi } from './registry.js';
import type { CallOptions, Context, ModelSpec } from './spec.js';
import { isTerminalPart, type StreamPart } from './stream-parts.js';

export function stream(
  model: ModelSpec,
  context: Context,
  options: CallOptions = {},
): AsyncIterable<StreamPart> {
  return guardStream(async function* () {
    const provider = await getApi(model.api);
    if (!provider) {
      throw new ProviderError('no_provider', `No provider is registered for API "${model.api}".`, {
        location: `${model.provider}/${model.id}`,
      });
    }
    yield* provider.stream(model, context, options);
  }, options.signal);
}

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
