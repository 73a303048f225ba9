import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '@outcrop/config-schema';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectStream } from './complete.js';
import { checkStreamParts } from './conformance/check-stream.js';
import { collectParts } from './conformance/suite.js';
import { ProviderError } from './errors.js';
import { guardStream } from './guard-stream.js';
import { createOutcrop, type Outcrop } from './outcrop.js';
import type { CallOptions, Context, ModelSpec, ProviderV1 } from './spec.js';
import type { StreamPart } from './stream-parts.js';

const model: ModelSpec = { provider: 'test', api: 'test-api', id: 'm1' };
const usage = { inputTokens: 3, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 5 };
const finish: StreamPart = {
  type: 'finish',
  finishReason: 'stop',
  rawStopReason: 'done',
  usage,
  response: { modelId: 'm1', provider: 'test' },
};

function providerOf(generate: () => AsyncIterable<StreamPart>): ProviderV1 {
  return { specificationVersion: 'v1', api: 'test-api', stream: generate };
}

// An instance with no AWS credentials and no emulator: only the providers registered on it stream.
let outcrop: Outcrop;
beforeAll(async () => {
  outcrop = await createOutcrop({
    config: parseConfig('{}'),
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-stream-home-')),
  });
});
const registerApi = (api: string, provider: ProviderV1) => outcrop.providers.register(api, provider);
const stream = (m: ModelSpec, context: Context, options?: CallOptions) => outcrop.stream(m, context, options);
const complete = (m: ModelSpec, context: Context) => outcrop.complete(m, context);

afterEach(() => outcrop.providers.unregister('test-api'));

describe('outcrop.stream()', () => {
  it('answers an unregistered API with a typed no_provider error part', async () => {
    const parts = await collectParts(stream({ ...model, api: 'nothing' }, { messages: [] }));
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ type: 'error', error: { code: 'no_provider', httpStatus: 501 } });
  });

  it('turns a thrown error into one error part', async () => {
    registerApi(
      'test-api',
      providerOf(async function* () {
        yield { type: 'text-start', id: 'a' };
        throw new Error('exploded');
      }),
    );
    const parts = await collectParts(stream(model, { messages: [] }));
    expect(parts.map((p) => p.type)).toEqual(['text-start', 'error']);
    expect(checkStreamParts(parts)).toEqual([]);
  });

  it('adds a protocol error when the provider forgets the terminal part, and drops parts after one', async () => {
    registerApi(
      'test-api',
      providerOf(async function* () {
        yield { type: 'text-start', id: 'a' };
      }),
    );
    expect((await collectParts(stream(model, { messages: [] }))).at(-1)).toMatchObject({
      error: { code: 'protocol' },
    });
    const extra = await collectParts(
      guardStream(async function* () {
        yield finish;
        yield finish;
      }),
    );
    expect(extra).toHaveLength(1);
  });

  it('reports a throw after abort as aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const parts = await collectParts(
      guardStream(async function* () {
        yield { type: 'stream-start', model: { provider: 'test', id: 'm1', api: 'test-api' } };
        throw new Error('socket closed');
      }, controller.signal),
    );
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'aborted' } });
  });
});

describe('outcrop.complete()', () => {
  it('collects text, reasoning and tool calls in block order', async () => {
    registerApi(
      'test-api',
      providerOf(async function* () {
        yield { type: 'reasoning-start', id: 'r' };
        yield { type: 'reasoning-delta', id: 'r', delta: 'think' };
        yield { type: 'reasoning-end', id: 'r', signature: 'sig' };
        yield { type: 'text-start', id: 't' };
        yield { type: 'tool-call-start', id: 'c', toolCallId: 'call-1', toolName: 'f' };
        yield { type: 'text-delta', id: 't', delta: 'Hel' };
        yield { type: 'tool-call-delta', id: 'c', argumentsDelta: '{"a":1}' };
        yield { type: 'text-delta', id: 't', delta: 'lo' };
        yield { type: 'text-end', id: 't' };
        yield {
          type: 'tool-call-end',
          id: 'c',
          toolCallId: 'call-1',
          toolName: 'f',
          arguments: { a: 1 },
          rawArguments: '{"a":1}',
        };
        yield { type: 'warning', warning: { code: 'w', message: 'note' } };
        yield finish;
      }),
    );
    const result = await complete(model, { messages: [{ role: 'user', content: 'hi' }] });
    expect(result.message.content).toEqual([
      { type: 'reasoning', text: 'think', signature: 'sig' },
      { type: 'text', text: 'Hello' },
      { type: 'tool-call', toolCallId: 'call-1', toolName: 'f', arguments: { a: 1 } },
    ]);
    expect(result.warnings).toEqual([{ code: 'w', message: 'note' }]);
    expect(result).toMatchObject({ finishReason: 'stop', rawStopReason: 'done', usage });
  });

  it('throws the typed error of an error part', async () => {
    const error = new ProviderError('throttled', 'slow');
    await expect(
      collectStream(
        guardStream(async function* () {
          yield { type: 'error', error };
        }),
      ),
    ).rejects.toBe(error);
  });
});
