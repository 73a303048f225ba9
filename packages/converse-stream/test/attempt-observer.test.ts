import { describe, expect, it } from 'vitest';
import { type AttemptEnd, type AttemptStart, converseStream } from '../src/index.js';
import { ask, drain, HAIKU, useEmulator } from './emulator-harness.js';

const h = useEmulator({ region: 'us-east-1' });
const fast = { retryBaseMs: 1, random: () => 0 };
const PROFILE_ONLY = 'anthropic.claude-haiku-4-5-20251001-v1:0';

/** Records what the observer was told, in order. */
function recorder() {
  const seen: { start: AttemptStart; end?: AttemptEnd }[] = [];
  const onAttempt = (start: AttemptStart) => {
    const entry: { start: AttemptStart; end?: AttemptEnd } = { start };
    seen.push(entry);
    return (end: AttemptEnd) => {
      expect(entry.end).toBeUndefined();
      entry.end = end;
    };
  };
  return { seen, onAttempt };
}

describe('converseStream attempt observer', () => {
  it('reports one attempt with its server, request id, stop reason and usage', async () => {
    const { seen, onAttempt } = recorder();
    const stream = converseStream(ask('observe me'), { connection: h.connection, onAttempt });
    const { error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(seen).toHaveLength(1);
    const url = new URL(h.emulator.url);
    expect(seen[0]!.start).toEqual({
      attempt: 1,
      reason: 'initial',
      modelId: HAIKU,
      region: h.emulator.region,
      server: { address: url.hostname, port: Number(url.port) },
    });
    expect(seen[0]!.end).toMatchObject({ outcome: 'ok', stopReason: 'end_turn' });
    expect(seen[0]!.end?.requestId).toBeTruthy();
    expect(seen[0]!.end?.requestId).toBe(stream.requestId);
    expect(seen[0]!.end?.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('reports each throttled attempt, then the retry that answered, with the reason and the wait', async () => {
    h.emulator.scenarios.push({ throttleAttempts: 1 });
    const { seen, onAttempt } = recorder();
    const { error } = await drain(
      converseStream(ask('throttle me'), { connection: h.connection, ...fast, onAttempt }),
    );
    expect(error).toBeUndefined();
    expect(seen.map((s) => [s.start.attempt, s.start.reason, s.end?.outcome])).toEqual([
      [1, 'initial', 'error'],
      [2, 'retry', 'ok'],
    ]);
    expect(seen[0]!.end).toMatchObject({ willRetry: true, error: { code: 'throttled' } });
    expect(seen[1]!.start.previous).toEqual({ code: 'throttled', awsName: 'ThrottlingException' });
    expect(seen[1]!.start.delayMs).toEqual(expect.any(Number));
  });

  it('reports an inference-profile fallback as its own attempt on the profile id', async () => {
    const { seen, onAttempt } = recorder();
    await drain(
      converseStream(ask('hello', { modelId: PROFILE_ONLY }), { connection: h.connection, onAttempt }),
    );
    expect(seen.map((s) => [s.start.reason, s.start.modelId, s.end?.outcome])).toEqual([
      ['initial', PROFILE_ONLY, 'error'],
      ['inference_profile_fallback', `us.${PROFILE_ONLY}`, 'ok'],
    ]);
  });

  it('ends the attempt as cancelled when the consumer stops reading, and survives a throwing observer', async () => {
    const { seen, onAttempt } = recorder();
    for await (const event of converseStream(ask('one two three four five six'), {
      connection: h.connection,
      onAttempt,
    })) {
      if (event.type === 'textDelta') break;
    }
    expect(seen.map((s) => s.end?.outcome)).toEqual(['cancelled']);

    const { error } = await drain(
      converseStream(ask('still fine'), {
        connection: h.connection,
        onAttempt: () => {
          throw new Error('observer bug');
        },
      }),
    );
    expect(error).toBeUndefined();
  });
});
