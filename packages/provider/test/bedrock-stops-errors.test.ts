// Every Bedrock stop reason, typed errors before and inside the stream, abort, and missing credentials.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBedrockProvider } from '../src/bedrock/index.js';
import { checkStreamParts } from '../src/conformance/check-stream.js';
import { collectParts } from '../src/conformance/suite.js';
import type { StreamPart } from '../src/stream-parts.js';
import { bedrockModel, type Harness, SONNET_4, startHarness, userSays } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

const sonnet = bedrockModel(SONNET_4);

describe('stop reasons', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['tool_use', 'tool-calls'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['guardrail_intervened', 'content-filter'],
    ['content_filtered', 'content-filter'],
    ['malformed_model_output', 'error'],
    ['malformed_tool_use', 'error'],
  ])('%s finishes as %s, keeping the raw reason', async (raw, normalized) => {
    h.emulator.scenarios.push({ stopReason: raw });
    const parts = await h.run(sonnet, userSays('Tell me something.'));
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: normalized, rawStopReason: raw });
  });

  it('stops at a stop sequence the model hit', async () => {
    const parts = await h.run(sonnet, userSays('one two END three'), { stopSequences: ['END'] });
    expect(parts.at(-1)).toMatchObject({ finishReason: 'stop', rawStopReason: 'stop_sequence' });
  });

  it('reports the guardrail trace from providerOptions as provider metadata', async () => {
    const parts = await h.run(sonnet, userSays('say the forbidden word'), {
      providerOptions: {
        'amazon-bedrock': {
          guardrailConfig: { guardrailIdentifier: 'gr7', guardrailVersion: '1', trace: 'enabled' },
        },
      },
    });
    const finish = parts.at(-1);
    expect(finish).toMatchObject({ type: 'finish', finishReason: 'content-filter' });
    expect(finish?.type === 'finish' && finish.providerMetadata?.bedrock).toMatchObject({
      trace: { guardrail: { inputAssessment: { gr7: expect.any(Object) } } },
    });
    expect(h.requests().at(-1)?.body).toMatchObject({ guardrailConfig: { guardrailIdentifier: 'gr7' } });
  });
});

describe('errors', () => {
  it.each([
    [429, 'ThrottlingException', 'throttled', true],
    [400, 'ValidationException', 'validation', false],
    [403, 'AccessDeniedException', 'access_denied', false],
    [404, 'ResourceNotFoundException', 'not_found', false],
    [503, 'ServiceUnavailableException', 'service_unavailable', true],
  ])('HTTP %i %s becomes a typed %s error part', async (status, type, code, retryable) => {
    h.emulator.scenarios.push({ httpError: { status, type, message: `emulated ${type}` } });
    const parts = await h.run(sonnet, userSays('hi'));
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code, retryable, upstreamName: type } });
    // Bedrock's own words travel apart from the name, so a caller that prints both says the name once.
    expect(parts.at(-1)).toMatchObject({ error: { upstreamMessage: `emulated ${type}` } });
    const error = (parts.at(-1) as Extract<StreamPart, { type: 'error' }>).error;
    expect(error.requestId).toEqual(expect.any(String));
  });

  it('closes open blocks and ends with a typed error when the stream fails midway', async () => {
    h.emulator.scenarios.push({ streamException: { type: 'modelStreamErrorException', afterEvents: 3 } });
    const parts = await h.run(sonnet, userSays('a fairly long sentence to stream in several chunks'));
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts.some((p) => p.type === 'text-delta')).toBe(true);
    expect(parts.at(-2)).toMatchObject({ type: 'text-end' });
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'model_error' } });
  });

  it('rejects invalid providerOptions with invalid_options before sending', async () => {
    const before = h.requests().length;
    const parts = await h.run(sonnet, userSays('hi'), {
      providerOptions: { 'amazon-bedrock': { serviceTier: 'fast' } },
    });
    expect(parts.at(-1)).toMatchObject({ error: { code: 'invalid_options', httpStatus: 400 } });
    expect(h.requests()).toHaveLength(before);
  });

  it('fails with an authentication error, no secret in it, when there are no credentials', async () => {
    const env = {
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: h.emulator.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const homeDir = mkdtempSync(path.join(tmpdir(), 'outcrop-no-creds-'));
    const provider = createBedrockProvider({ env, homeDir, transport: { maxAttempts: 1 } });
    const parts = await collectParts(provider.stream(sonnet, userSays('hi')));
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'authentication', httpStatus: 401 } });
    expect(JSON.stringify(parts)).not.toContain(h.emulator.credentials.secretAccessKey);
  });
});

describe('abort', () => {
  it('ends with an aborted error part and the emulator sees the stream cancelled', async () => {
    h.emulator.scenarios.push({ name: 'stall', stallAfterEvents: 3 });
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    for await (const part of h.provider.stream(sonnet, userSays('one two three four five six seven'), {
      signal: controller.signal,
    })) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code: 'aborted', httpStatus: 499 } });
    const entry = await h.emulator.journal.waitFor((e) => e.scenario === 'stall' && e.done);
    expect(entry.cancelled).toBe(true);
  });

  it('cancels the request when the consumer stops reading', async () => {
    h.emulator.scenarios.push({ name: 'walk-away', stallAfterEvents: 3 });
    for await (const part of h.provider.stream(sonnet, userSays('one two three four five six seven'))) {
      if (part.type === 'text-delta') break;
    }
    const entry = await h.emulator.journal.waitFor((e) => e.scenario === 'walk-away' && e.done);
    expect(entry.cancelled).toBe(true);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const before = h.requests().length;
    const parts = await h.run(sonnet, userSays('hi'), { signal: AbortSignal.abort() });
    expect(parts.map((p) => p.type)).toEqual(['stream-start', 'error']);
    expect(parts.at(-1)).toMatchObject({ error: { code: 'aborted' } });
    expect(h.requests()).toHaveLength(before);
  });
});
