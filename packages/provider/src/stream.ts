// stream(): looks up the model's API and runs it inside guardStream, so the contract holds whatever
// the implementation does. The provider's parts pass straight through (no re-yielding generator).
import { ProviderError } from './errors.js';
import { guardStream } from './guard-stream.js';
import { getApi } from './registry.js';
import type { CallOptions, Context, ModelSpec } from './spec.js';
import type { StreamPart } from './stream-parts.js';

export function stream(
  model: ModelSpec,
  context: Context,
  options: CallOptions = {},
): AsyncIterable<StreamPart> {
  return guardStream(
    () => ({ [Symbol.asyncIterator]: () => new ProviderIterator(model, context, options) }),
    options.signal,
  );
}

/** Resolves the provider on the first next(), then hands every call to its iterator. */
class ProviderIterator implements AsyncIterator<StreamPart> {
  private inner: AsyncIterator<StreamPart> | undefined;
  private opening: Promise<AsyncIterator<StreamPart>> | undefined;

  constructor(
    private readonly model: ModelSpec,
    private readonly context: Context,
    private readonly options: CallOptions,
  ) {}

  next(): Promise<IteratorResult<StreamPart>> {
    if (this.inner) return this.inner.next();
    this.opening ??= this.open();
    return this.opening.then((inner) => inner.next());
  }

  return(): Promise<IteratorResult<StreamPart>> {
    const done: IteratorResult<StreamPart> = { done: true, value: undefined };
    return this.inner?.return ? this.inner.return() : Promise.resolve(done);
  }

  private async open(): Promise<AsyncIterator<StreamPart>> {
    const { model, context, options } = this;
    const provider = await getApi(model.api);
    if (!provider) {
      throw new ProviderError('no_provider', `No provider is registered for API "${model.api}".`, {
        location: `${model.provider}/${model.id}`,
      });
    }
    this.inner = provider.stream(model, context, options)[Symbol.asyncIterator]();
    return this.inner;
  }
}
