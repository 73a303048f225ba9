// The kit must fail providers that break the contract, not only pass good ones.
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors.js';
import type { CallOptions, ModelSpec, ProviderV1 } from '../spec.js';
import type { StreamPart } from '../stream-parts.js';
import { providerConformanceCases } from './suite.js';

const model: ModelSpec = { provider: 'p', api: 'fake', id: 'm' };
const usage = { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 2 };
const finish: StreamPart = {
  type: 'finish',
  finishReason: 'stop',
  rawStopReason: 'x',
  usage,
  response: { modelId: 'm', provider: 'p' },
};

/** A well-behaved provider, with one behaviour swapped out per test. */
function fakeProvider(
  overrides: { text?: (options: CallOptions) => AsyncIterable<StreamPart>; throwSync?: boolean } = {},
): ProviderV1 {
  return {
    specificationVersion: 'v1',
    api: 'fake',
    stream(_model, context, options = {}) {
      if (overrides.throwSync) throw new Error('sync');
      if (overrides.text) return overrides.text(options);
      return (async function* () {
        if (options.signal?.aborted) {
          yield { type: 'error', error: new ProviderError('aborted', 'aborted') } as StreamPart;
          return;
        }
        if (!Array.isArray(context.messages)) {
          yield { type: 'error', error: new ProviderError('validation', 'bad') } as StreamPart;
          return;
        }
        yield { type: 'text-start', id: 't' } as StreamPart;
        yield { type: 'text-delta', id: 't', delta: 'hi' } as StreamPart;
        yield { type: 'text-end', id: 't' } as StreamPart;
        yield finish;
      })();
    },
  };
}

async function failures(provider: ProviderV1): Promise<string[]> {
  const failed: string[] = [];
  for (const c of providerConformanceCases({ provider, model })) {
    await c.run().catch(() => failed.push(c.name));
  }
  return failed;
}

describe('providerConformanceCases', () => {
  it('passes a provider that keeps the contract', async () => {
    expect(await failures(fakeProvider())).toEqual([]);
  });

  it('fails a provider that throws from stream()', async () => {
    expect(await failures(fakeProvider({ throwSync: true }))).toContain(
      'stream() returns at once and never throws for bad input',
    );
  });

  it('fails a provider that ignores an aborted signal', async () => {
    const ignoresAbort = fakeProvider({
      text: () =>
        (async function* () {
          yield { type: 'text-start', id: 't' } as StreamPart;
          yield { type: 'text-delta', id: 't', delta: 'hi' } as StreamPart;
          yield { type: 'text-end', id: 't' } as StreamPart;
          yield finish;
        })(),
    });
    expect(await failures(ignoresAbort)).toContain('abort before start: one error part with code aborted');
  });

  it('fails a provider that ends twice or leaves a block open', async () => {
    const twice = fakeProvider({
      text: () =>
        (async function* () {
          yield { type: 'text-start', id: 't' } as StreamPart;
          yield { type: 'text-delta', id: 't', delta: 'hi' } as StreamPart;
          yield finish;
          yield finish;
        })(),
    });
    expect(await failures(twice)).toContain('text: well-formed parts ending in one finish');
  });

  it('fails a provider whose errors are untyped', async () => {
    const untyped = fakeProvider({
      text: () =>
        (async function* () {
          yield { type: 'error', error: new Error('plain') as ProviderError } as StreamPart;
        })(),
    });
    const failed = await failures(untyped);
    expect(failed).toContain('text: well-formed parts ending in one finish');
    expect(failed).toContain('abort before start: one error part with code aborted');
  });
});
