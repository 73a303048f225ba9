import { describe, expect, it } from 'vitest';
import { ProviderError } from '../errors.js';
import type { StreamPart } from '../stream-parts.js';
import { assertConformingStream, checkStreamParts } from './check-stream.js';

const usage = { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 0, totalTokens: 2 };
const finish: StreamPart = {
  type: 'finish',
  finishReason: 'stop',
  rawStopReason: 'end_turn',
  usage,
  response: { modelId: 'm', provider: 'p' },
};
const rules = (parts: StreamPart[]) => checkStreamParts(parts).map((v) => v.rule);

describe('checkStreamParts', () => {
  it('accepts a well-formed stream', () => {
    const parts: StreamPart[] = [
      { type: 'stream-start', model: { provider: 'p', id: 'm', api: 'a' } },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'hi' },
      { type: 'text-end', id: '0' },
      { type: 'tool-call-start', id: '1', toolCallId: 't', toolName: 'f' },
      { type: 'tool-call-delta', id: '1', argumentsDelta: '{"x":' },
      { type: 'tool-call-delta', id: '1', argumentsDelta: '2}' },
      {
        type: 'tool-call-end',
        id: '1',
        toolCallId: 't',
        toolName: 'f',
        arguments: { x: 2 },
        rawArguments: '{"x":2}',
      },
      finish,
    ];
    expect(checkStreamParts(parts)).toEqual([]);
    expect(() => assertConformingStream(parts)).not.toThrow();
  });

  it('requires exactly one terminal part, last', () => {
    expect(rules([])).toContain('one-terminal');
    expect(rules([finish, finish])).toContain('one-terminal');
    expect(rules([finish, { type: 'text-start', id: 'x' }])).toContain('terminal-last');
  });

  it('checks start/delta/end pairing per block id', () => {
    expect(rules([{ type: 'text-delta', id: 'a', delta: 'x' }, finish])).toContain('start-before-delta');
    expect(rules([{ type: 'text-start', id: 'a' }, finish])).toContain('blocks-closed');
    expect(
      rules([
        { type: 'text-start', id: 'a' },
        { type: 'text-end', id: 'a' },
        { type: 'text-delta', id: 'a', delta: 'x' },
        finish,
      ]),
    ).toContain('nothing-after-end');
    expect(rules([{ type: 'text-start', id: 'a' }, { type: 'reasoning-end', id: 'a' }, finish])).toContain(
      'block-kind',
    );
    expect(rules([{ type: 'text-start', id: 'a' }, { type: 'text-start', id: 'a' }, finish])).toContain(
      'block-id-unique',
    );
  });

  it('checks that tool arguments are the parsed deltas', () => {
    const start: StreamPart = { type: 'tool-call-start', id: '1', toolCallId: 't', toolName: 'f' };
    const delta: StreamPart = { type: 'tool-call-delta', id: '1', argumentsDelta: '{"x":1}' };
    const end = (extra: object) =>
      ({ type: 'tool-call-end', id: '1', toolCallId: 't', toolName: 'f', ...extra }) as StreamPart;
    expect(rules([start, delta, end({ arguments: { x: 2 }, rawArguments: '{"x":1}' }), finish])).toContain(
      'tool-args-parsed',
    );
    expect(rules([start, delta, end({ arguments: { x: 1 }, rawArguments: '{"x":' }), finish])).toContain(
      'tool-args-raw',
    );
    const broken: StreamPart = { type: 'tool-call-delta', id: '1', argumentsDelta: '{"x":' };
    expect(rules([start, broken, end({ arguments: undefined, rawArguments: '{"x":' }), finish])).toContain(
      'tool-args-error',
    );
    expect(
      rules([
        start,
        broken,
        end({ arguments: undefined, rawArguments: '{"x":', argumentsError: 'bad' }),
        finish,
      ]),
    ).toEqual([]);
  });

  it('checks usage, cost and error parts', () => {
    expect(rules([{ ...finish, usage: { ...usage, inputTokens: -1 } } as StreamPart])).toContain(
      'usage-shape',
    );
    expect(rules([{ ...finish, usage: { ...usage, totalTokens: 1 } } as StreamPart])).toContain(
      'usage-total',
    );
    const cost = { input: 1, output: 1, cacheRead: 0, cacheWrite: 0, total: 3 };
    expect(rules([{ ...finish, cost } as StreamPart])).toContain('cost-total');
    expect(rules([{ type: 'error', error: new Error('plain') as ProviderError }])).toContain('typed-error');
    const lying = Object.assign(new ProviderError('throttled', 'x'), { httpStatus: 500 });
    expect(rules([{ type: 'error', error: lying }])).toContain('error-status');
    expect(rules([{ type: 'error', error: new ProviderError('throttled', 'x') }])).toEqual([]);
  });
});
