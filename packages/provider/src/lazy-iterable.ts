/**
 * An iterable whose source is opened (asynchronously) on the first next(), after which every call goes straight
 * to the source's iterator: no re-yielding generator, so each part costs one promise hop (measured on the 1 MB
 * tool-call bench), yet resolving the model and loading its provider still happen inside the stream.
 */
export function lazyIterable<T>(open: () => Promise<AsyncIterable<T>>): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => new LazyIterator(open) };
}

class LazyIterator<T> implements AsyncIterator<T> {
  private inner: AsyncIterator<T> | undefined;
  private opening: Promise<AsyncIterator<T>> | undefined;

  constructor(private readonly open: () => Promise<AsyncIterable<T>>) {}

  next(): Promise<IteratorResult<T>> {
    if (this.inner) return this.inner.next();
    this.opening ??= this.open().then((source) => {
      this.inner = source[Symbol.asyncIterator]();
      return this.inner;
    });
    return this.opening.then((inner) => inner.next());
  }

  return(): Promise<IteratorResult<T>> {
    const done: IteratorResult<T> = { done: true, value: undefined };
    return this.inner?.return ? this.inner.return() : Promise.resolve(done);
  }
}
