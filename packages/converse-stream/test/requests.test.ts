import { describe, expect, it } from 'vitest';
import { converseStream } from '../src/index.js';
import { ask, drain, types, useEmulator } from './emulator-harness.js';

const h = useEmulator({ region: 'us-east-1' });
const PROFILE_ONLY = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const calls = () => h.emulator.journal.entries().filter((e) => e.operation === 'ConverseStream');

describe('converseStream against the emulator: requests', () => {
  it('retries a bare id once through the inference profile when on-demand is unsupported, with a warning', async () => {
    const stream = converseStream(ask('hello', { modelId: PROFILE_ONLY }), { connection: h.connection });
    const { events, error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(types(events)).toContain('messageStop');
    expect(calls().map((e) => [e.modelId, e.status])).toEqual([
      [PROFILE_ONLY, 400],
      [`us.${PROFILE_ONLY}`, 200],
    ]);
    expect(stream.modelId).toBe(`us.${PROFILE_ONLY}`);
    expect(stream.warnings).toEqual([expect.objectContaining({ code: 'inference_profile_fallback' })]);
  });

  it('uses the profile discovery names, and does not fall back twice', async () => {
    const asked: string[] = [];
    const stream = converseStream(ask('hello', { modelId: PROFILE_ONLY }), {
      connection: h.connection,
      profileFor: (base, region) => {
        asked.push(`${base}@${region}`);
        return `global.${base}`;
      },
    });
    const { error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(asked).toEqual([`${PROFILE_ONLY}@us-east-1`]);
    expect(calls().map((e) => e.modelId)).toEqual([PROFILE_ONLY, `global.${PROFILE_ONLY}`]);
  });

  it('falls back only once: a profile that also fails is reported as it is', async () => {
    const stream = converseStream(ask('hello', { modelId: PROFILE_ONLY }), {
      connection: h.connection,
      profileFor: () => 'mars.anthropic.claude-haiku-4-5-20251001-v1:0',
    });
    const { error } = await drain(stream);
    expect(error).toMatchObject({ code: 'validation', httpStatus: 400 });
    expect(calls()).toHaveLength(2);
  });

  it('moves the client region to where an eu. profile can be called', async () => {
    const { error } = await drain(
      converseStream(ask('bonjour', { modelId: `eu.${PROFILE_ONLY}` }), { connection: h.connection }),
    );
    expect(error).toBeUndefined();
    expect(calls()[0]?.region).toMatch(/^eu-/);
  });

  it('calls an application inference profile ARN in the region of the ARN', async () => {
    const arn = 'arn:aws:bedrock:eu-west-1:123456789012:application-inference-profile/eu0lite0c3d4';
    const stream = converseStream(ask('hallo', { modelId: arn }), { connection: h.connection });
    const { error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(calls()[0]).toMatchObject({ modelId: arn, region: 'eu-west-1', status: 200 });
    expect(stream.warnings).toEqual([]);
  });

  it('rejects an invalid request before sending anything', async () => {
    const bad = { modelId: PROFILE_ONLY, messages: [{ role: 'user' as const, content: [{ text: '  ' }] }] };
    const { error } = await drain(converseStream(bad, { connection: h.connection }));
    expect(error).toMatchObject({
      code: 'validation',
      rule: 'blank_text',
      location: { message: 0, block: 0 },
    });
    expect(error?.attempts).toBe(0);
    expect(h.emulator.journal.entries()).toEqual([]);
  });

  it('checks maxTokens against the given model limit', async () => {
    const { error } = await drain(
      converseStream(ask('hi', { inferenceConfig: { maxTokens: 100_000 } }), {
        connection: h.connection,
        maxTokensLimit: 8192,
      }),
    );
    expect(error).toMatchObject({ code: 'validation', rule: 'max_tokens' });
    expect(h.emulator.journal.entries()).toEqual([]);
  });

  it('sends the repaired request when repair is on, and reports each repair', async () => {
    const input = {
      modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: [
        { role: 'user' as const, content: [{ text: 'first' }] },
        { role: 'user' as const, content: [{ text: ' ' }, { text: 'second' }] },
      ],
    };
    const stream = converseStream(input, { connection: h.connection, repair: true });
    const { error } = await drain(stream);
    expect(error).toBeUndefined();
    expect(stream.warnings.map((w) => w.code)).toEqual(['repair_dropped_blank_text', 'repair_merged_turns']);
    expect(calls()[0]?.body).toMatchObject({
      messages: [{ role: 'user', content: [{ text: 'first' }, { text: 'second' }] }],
    });
  });

  it('rejects bad options with a named rule', async () => {
    const { error } = await drain(converseStream(ask('hi'), { connection: h.connection, idleTimeoutMs: -5 }));
    expect(error).toMatchObject({ code: 'validation', rule: 'options' });
    expect(error?.message).toContain('idleTimeoutMs');
  });

  it('can be iterated only once', async () => {
    const stream = converseStream(ask('hi'), { connection: h.connection });
    await drain(stream);
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
