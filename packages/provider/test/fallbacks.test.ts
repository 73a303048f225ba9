// Fallbacks over the emulator: switch before the first token on eligible errors, each switch a warning,
// never after content, never for errors another model would repeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStreamParts } from '../src/conformance/check-stream.js';
import { collectParts } from '../src/conformance/suite.js';
import { ProviderError } from '../src/errors.js';
import { shouldFallBack, streamWithFallbacks } from '../src/fallbacks.js';
import type { CallOptions, Context, ModelSpec } from '../src/spec.js';
import { bedrockModel, type Harness, SONNET_4, startHarness, userSays } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

const primary = bedrockModel(SONNET_4);
const secondary = bedrockModel('amazon.nova-pro-v1:0');
const tertiary = bedrockModel('us.anthropic.claude-haiku-4-5-20251001-v1:0');
const run = (models: ModelSpec[], context: Context, options: CallOptions = {}) =>
  collectParts(
    streamWithFallbacks(models, context, {
      ...options,
      streamModel: (m, c, o) => h.provider.stream(m, c, o),
    }),
  );
const calledModels = (since: number) =>
  h
    .requests()
    .slice(since)
    .map((entry) => entry.modelId);

describe('streamWithFallbacks', () => {
  it.each([
    [429, 'ThrottlingException'],
    [404, 'ResourceNotFoundException'],
    [403, 'AccessDeniedException'],
    [503, 'ServiceUnavailableException'],
  ])(
    'switches to the next model after HTTP %i %s before the first token, with a warning',
    async (status, type) => {
      const since = h.requests().length;
      h.emulator.scenarios.push({ httpError: { status, type } });
      const parts = await run([primary, secondary], userSays('Hello there.'));
      expect(checkStreamParts(parts)).toEqual([]);
      expect(calledModels(since)).toEqual([primary.id, secondary.id]);
      expect(parts[0]).toMatchObject({ type: 'stream-start', model: { id: secondary.id } });
      expect(parts[1]).toMatchObject({
        type: 'warning',
        warning: { code: 'fallback', message: expect.stringContaining(secondary.id) },
      });
      expect(parts.at(-1)).toMatchObject({ type: 'finish', response: { modelId: secondary.id } });
    },
  );

  it("reports the fallback model's attempt to onAttempt as a model_fallback, numbered after the first", async () => {
    h.emulator.scenarios.push({ httpError: { status: 404, type: 'ResourceNotFoundException' } });
    const seen: [number, string, string, string | undefined][] = [];
    await run([primary, secondary], userSays('Observe the switch.'), {
      onAttempt: (a) => {
        seen.push([a.attempt, a.reason, a.modelId, a.previous?.code]);
        return undefined;
      },
    });
    expect(seen).toEqual([
      [1, 'initial', primary.id, undefined],
      [2, 'model_fallback', secondary.id, 'not_found'],
    ]);
  });

  it('tries every fallback in order and reports each switch', async () => {
    const since = h.requests().length;
    h.emulator.scenarios.push({ httpError: { status: 429, type: 'ThrottlingException' } });
    h.emulator.scenarios.push({ httpError: { status: 429, type: 'ModelNotReadyException' } });
    const parts = await run([primary, secondary, tertiary], userSays('Hello there.'));
    expect(calledModels(since)).toEqual([primary.id, secondary.id, tertiary.id]);
    expect(parts.filter((p) => p.type === 'warning').length).toBe(2);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', response: { modelId: tertiary.id } });
  });

  it('does not switch on errors every model would repeat, and passes the last error through', async () => {
    const since = h.requests().length;
    h.emulator.scenarios.push({ httpError: { status: 400, type: 'ValidationException' } });
    const parts = await run([primary, secondary], userSays('Hello there.'));
    expect(calledModels(since)).toEqual([primary.id]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'validation' } });

    h.emulator.scenarios.push({ httpError: { status: 429, type: 'ThrottlingException' } });
    h.emulator.scenarios.push({ httpError: { status: 429, type: 'ThrottlingException' } });
    const exhausted = await run([primary, secondary], userSays('Hello there.'));
    expect(checkStreamParts(exhausted)).toEqual([]);
    expect(exhausted.at(-1)).toMatchObject({ type: 'error', error: { code: 'throttled' } });
  });

  it('never switches after content streamed', async () => {
    const since = h.requests().length;
    h.emulator.scenarios.push({ streamException: { type: 'throttlingException', afterEvents: 3 } });
    const parts = await run([primary, secondary], userSays('several words to stream in chunks here'));
    expect(calledModels(since)).toEqual([primary.id]);
    expect(parts.some((p) => p.type === 'text-delta')).toBe(true);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'throttled' } });
  });

  it('does not switch after an abort', async () => {
    const since = h.requests().length;
    const parts = await run([primary, secondary], userSays('hi'), { signal: AbortSignal.abort() });
    expect(calledModels(since)).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'aborted' } });
  });
});

describe('shouldFallBack', () => {
  it('switches on retryable, not-found, not-ready and access errors only', () => {
    expect(shouldFallBack(new ProviderError('throttled', 'x'))).toBe(true);
    expect(shouldFallBack(new ProviderError('not_found', 'x'))).toBe(true);
    expect(shouldFallBack(new ProviderError('model_not_ready', 'x'))).toBe(true);
    expect(shouldFallBack(new ProviderError('access_denied', 'x'))).toBe(true);
    expect(shouldFallBack(new ProviderError('validation', 'x'))).toBe(false);
    expect(shouldFallBack(new ProviderError('context_overflow', 'x'))).toBe(false);
    expect(shouldFallBack(new ProviderError('aborted', 'x'))).toBe(false);
  });
});
