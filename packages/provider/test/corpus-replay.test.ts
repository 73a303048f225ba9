// The emulator's recorded corpus (one stream per documented Bedrock behaviour) replayed byte for byte through
// the provider: every stream is a valid part sequence, each stop reason a typed finish, each in-stream
// exception a typed error part, redacted reasoning opaque data, long or cut tool arguments handled.
import { corpusScenario, loadCorpus } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStreamParts } from '../src/conformance/check-stream.js';
import type { StreamPart } from '../src/stream-parts.js';
import { bedrockModel, type Harness, startHarness, userSays } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emulator.stop());

const corpus = loadCorpus();

async function replay(behaviour: string): Promise<StreamPart[]> {
  const entry = corpus.find((candidate) => candidate.behaviour === behaviour)!;
  h.emulator.recordings.add(entry.bytes, behaviour);
  h.emulator.scenarios.push(corpusScenario(behaviour));
  const parts = await h.run(bedrockModel(entry.modelId), userSays('replay'));
  expect(checkStreamParts(parts)).toEqual([]);
  return parts;
}

const FINISH: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool-calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  guardrail_intervened: 'content-filter',
  content_filtered: 'content-filter',
  malformed_model_output: 'error',
  malformed_tool_use: 'error',
};

const ERRORS: Record<string, [string, string]> = {
  'exception-internal-server': ['internal', 'InternalServerException'],
  'exception-model-stream-error': ['model_error', 'ModelStreamErrorException'],
  'exception-validation': ['validation', 'ValidationException'],
  'throttling-mid-stream': ['throttled', 'ThrottlingException'],
  'exception-service-unavailable': ['service_unavailable', 'ServiceUnavailableException'],
};

describe('the corpus through the provider', () => {
  it.each(corpus.filter((entry) => entry.stopReason).map((entry) => [entry.behaviour, entry.stopReason!]))(
    '%s finishes typed, keeping the raw stop reason',
    async (behaviour, raw) => {
      const parts = await replay(behaviour);
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: FINISH[raw], rawStopReason: raw });
    },
  );

  it.each(Object.entries(ERRORS))(
    '%s ends with a typed error part after the text so far',
    async (behaviour, [code, upstreamName]) => {
      const parts = await replay(behaviour);
      expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
      expect(parts.at(-1)).toMatchObject({ type: 'error', error: { code, upstreamName } });
    },
  );

  it('an unmodeled error frame ends with a typed error part', async () => {
    const parts = await replay('error-frame-unmodeled');
    expect(parts.at(-1)).toMatchObject({ type: 'error', error: { upstreamName: 'InternalFailure' } });
  });

  it('keeps redacted reasoning as opaque data beside the signed reasoning', async () => {
    const parts = await replay('reasoning-redacted');
    const ends = parts.filter((part) => part.type === 'reasoning-end');
    expect(ends.some((part) => part.type === 'reasoning-end' && part.signature)).toBe(true);
    expect(ends.some((part) => part.type === 'reasoning-end' && part.redactedData)).toBe(true);
  });

  it('assembles long tool arguments from many deltas', async () => {
    const parts = await replay('tool-use-long-arguments');
    expect(parts.filter((part) => part.type === 'tool-call-delta').length).toBeGreaterThan(50);
    const end = parts.find((part) => part.type === 'tool-call-end');
    expect(end).toMatchObject({ toolName: 'get_weather', arguments: { rows: expect.any(Array) } });
    expect((end as { arguments: { rows: unknown[] } }).arguments.rows).toHaveLength(60);
  });

  it('keeps the cited text of a citations reply (citation deltas carry no part of their own)', async () => {
    const parts = await replay('citations');
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
    expect(text).toContain('The document says: The launch moves to May.');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
  });

  it.each(['guardrail-intervened-input', 'guardrail-intervened-output-async'])(
    '%s finishes as content-filter with the guardrail trace as provider metadata',
    async (behaviour) => {
      const parts = await replay(behaviour);
      const finish = parts.at(-1);
      expect(finish).toMatchObject({ type: 'finish', finishReason: 'content-filter' });
      expect(finish?.type === 'finish' && finish.providerMetadata?.bedrock).toMatchObject({
        trace: { guardrail: expect.any(Object) },
      });
    },
  );

  it('reports tool arguments cut by max_tokens as unparsed, finishing with length', async () => {
    const parts = await replay('stop-max-tokens-in-tool-use');
    const end = parts.find((part) => part.type === 'tool-call-end');
    expect(end).toMatchObject({ arguments: undefined, argumentsError: expect.any(String) });
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'length' });
  });
});
