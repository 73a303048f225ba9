import { describe, expect, it } from 'vitest';
import { ProviderError } from './errors.js';
import { lazyStream } from './lazy-stream.js';
import type { StreamPart } from './stream-parts.js';

const collect = async (stream: AsyncIterable<StreamPart>) => {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
};

const text = (delta: string): StreamPart => ({ type: 'text-delta', id: '0', delta });

describe('lazyStream', () => {
  it('opens on the first next(), not before, and passes the parts through', async () => {
    let opened = 0;
    const stream = lazyStream(async () => {
      opened++;
      return (async function* () {
        yield text('a');
        yield text('b');
      })();
    }, undefined);
    expect(opened).toBe(0);
    expect(await collect(stream)).toEqual([text('a'), text('b')]);
    expect(opened).toBe(1);
  });

  it('turns a failure to open into one terminal error part', async () => {
    const parts = await collect(
      lazyStream(async () => {
        throw new ProviderError('unknown_model', 'Unknown model "x".');
      }, undefined),
    );
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ type: 'error', error: { code: 'unknown_model' } });
  });

  it('names a failure after the caller aborted as aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const parts = await collect(
      lazyStream(async () => {
        throw new Error('socket closed');
      }, controller.signal),
    );
    expect(parts).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'aborted' }) }]);
  });

  it('return() ends the inner stream (its finally runs) and every later next() is done', async () => {
    let cleaned = false;
    const iterator = lazyStream(async () => {
      return (async function* () {
        try {
          yield text('a');
          yield text('b');
        } finally {
          cleaned = true;
        }
      })();
    }, undefined)[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: text('a') });
    await iterator.return?.();
    expect(cleaned).toBe(true);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});
