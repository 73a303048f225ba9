// Every recorded Bedrock behaviour of the emulator's corpus, replayed byte for byte through converseStream:
// each stop reason arrives as a typed messageStop, each in-stream exception as a typed ConverseStreamError after
// the events before it, redacted reasoning as bytes, long tool arguments as deltas that join to valid JSON.
import { corpusScenario, loadCorpus } from '@outcrop/bedrock-emulator';
import { describe, expect, it } from 'vitest';
import { converseStream } from '../src/index.js';
import { ask, drain, types, useEmulator } from './emulator-harness.js';

const h = useEmulator();
const corpus = loadCorpus();
const byName = (behaviour: string) => corpus.find((entry) => entry.behaviour === behaviour)!;

async function replay(behaviour: string) {
  const entry = byName(behaviour);
  h.emulator.recordings.add(entry.bytes, behaviour);
  h.emulator.scenarios.push(corpusScenario(behaviour));
  const result = await drain(
    converseStream(ask('replay', { modelId: entry.modelId }), { connection: h.connection }),
  );
  return { entry, ...result };
}

// What each in-stream exception means to a caller (AWS name -> ConverseStreamError code).
const EXCEPTIONS: Record<string, [string, string]> = {
  'exception-internal-server': ['InternalServerException', 'internal'],
  'exception-model-stream-error': ['ModelStreamErrorException', 'model_error'],
  'exception-validation': ['ValidationException', 'validation'],
  'throttling-mid-stream': ['ThrottlingException', 'throttled'],
  'exception-service-unavailable': ['ServiceUnavailableException', 'service_unavailable'],
};

describe('the corpus through converseStream', () => {
  it('holds every stop reason and every stream exception', () => {
    const reasons = new Set(corpus.map((entry) => entry.stopReason).filter(Boolean));
    expect([...reasons].sort()).toEqual(
      [
        'content_filtered',
        'end_turn',
        'guardrail_intervened',
        'malformed_model_output',
        'malformed_tool_use',
        'max_tokens',
        'model_context_window_exceeded',
        'stop_sequence',
        'tool_use',
      ].sort(),
    );
    expect(Object.keys(EXCEPTIONS).every((name) => byName(name)?.exception)).toBe(true);
  });

  it.each(corpus.filter((entry) => entry.stopReason).map((entry) => entry.behaviour))(
    '%s ends with its stop reason and usage',
    async (behaviour) => {
      const { entry, events, error } = await replay(behaviour);
      expect(error).toBeUndefined();
      const stop = events.find((event) => event.type === 'messageStop');
      expect(stop).toMatchObject({ stopReason: entry.stopReason });
      expect(types(events).at(-1)).toBe('metadata');
      expect(events.length).toBe(entry.frames.length);
    },
  );

  it.each(Object.entries(EXCEPTIONS))(
    '%s is a typed error after the events before it',
    async (behaviour, [awsName, code]) => {
      const { entry, events, error } = await replay(behaviour);
      expect(events).toHaveLength(entry.frames.length - 1);
      expect(error).toMatchObject({ code, awsName, awsMessage: entry.exception!.message });
    },
  );

  it('an unmodeled error frame is a typed error too', async () => {
    const { events, error } = await replay('error-frame-unmodeled');
    expect(events).toHaveLength(3);
    expect(error).toMatchObject({ awsName: 'InternalFailure', awsMessage: 'An internal error occurred.' });
    expect(typeof error?.code).toBe('string');
  });

  it('redacted reasoning arrives as bytes after the signed reasoning', async () => {
    const { events, error } = await replay('reasoning-redacted');
    expect(error).toBeUndefined();
    const kinds = types(events);
    expect(kinds.indexOf('reasoningSignatureDelta')).toBeLessThan(kinds.indexOf('reasoningRedactedDelta'));
    const redacted = events.find((event) => event.type === 'reasoningRedactedDelta');
    expect(redacted && redacted.type === 'reasoningRedactedDelta' && redacted.data.length).toBeGreaterThan(0);
  });

  it('long tool arguments arrive in many deltas that join to the whole JSON input', async () => {
    const { events } = await replay('tool-use-long-arguments');
    const deltas = events.flatMap((event) => (event.type === 'toolUseDelta' ? [event.input] : []));
    expect(deltas.length).toBeGreaterThan(50);
    expect(JSON.parse(deltas.join('')).rows).toHaveLength(60);
  });

  it('citations arrive as a typed citation delta after the cited text', async () => {
    const { events, error } = await replay('citations');
    expect(error).toBeUndefined();
    const citation = events.find((event) => event.type === 'citationDelta');
    expect(citation).toMatchObject({
      citation: { title: 'memo', sourceContent: [{ text: 'The launch moves to May.' }] },
    });
    expect(types(events).indexOf('citationDelta')).toBeGreaterThan(types(events).indexOf('textDelta'));
  });

  it.each([
    ['guardrail-intervened-input', 'inputAssessment'],
    ['guardrail-intervened-output-async', 'outputAssessments'],
  ])('%s stops with guardrail_intervened and carries the guardrail trace', async (behaviour, assessment) => {
    const { events, error } = await replay(behaviour);
    expect(error).toBeUndefined();
    expect(events.find((event) => event.type === 'messageStop')).toMatchObject({
      stopReason: 'guardrail_intervened',
    });
    const metadata = events.at(-1);
    expect(metadata?.type === 'metadata' && metadata.trace).toMatchObject({
      guardrail: { [assessment]: { gr1: expect.anything() } },
    });
  });

  it('a tool call cut by max_tokens leaves input that is not JSON', async () => {
    const { events } = await replay('stop-max-tokens-in-tool-use');
    const input = events.flatMap((event) => (event.type === 'toolUseDelta' ? [event.input] : [])).join('');
    expect(() => JSON.parse(input)).toThrow();
    expect(events.find((event) => event.type === 'messageStop')).toMatchObject({ stopReason: 'max_tokens' });
  });
});
