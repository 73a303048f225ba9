// The emulator's recorded corpus replayed byte for byte behind the gateway's OpenAI chat completions: each stop
// reason becomes an OpenAI finish_reason (streamed and not), each in-stream exception an error event without
// [DONE] when streaming and the provider's HTTP status when not, and tool calls (long or cut) keep their shape.
import { corpusScenario, loadCorpus } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw, sseEvents, startTestGateway, type TestGateway } from './helpers.js';

let t: TestGateway;
let model: string;
const corpus = loadCorpus();

beforeAll(async () => {
  t = await startTestGateway();
  for (const entry of corpus) t.emulator.recordings.add(entry.bytes, entry.behaviour);
  const models = JSON.parse((await raw(t.gateway.url, { path: '/v1/models' })).body) as {
    data: { id: string }[];
  };
  model = models.data.map((m) => m.id).find((id) => id.includes('claude-3-5-haiku')) ?? models.data[0]!.id;
});
afterAll(async () => {
  await t?.stop();
});

async function chat(behaviour: string, stream: boolean) {
  const marker = `[[scenario:${JSON.stringify(corpusScenario(behaviour))}]]`;
  return raw(t.gateway.url, {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: JSON_HEADERS,
    body: chatBody(model, `replay ${marker}`, { stream }),
  });
}

type Chunk = {
  choices: {
    finish_reason: string | null;
    delta: { tool_calls?: { function?: { arguments?: string } }[] };
  }[];
};
const chunks = (body: string) =>
  sseEvents(body).filter((e): e is Chunk => typeof e === 'object' && e !== null && 'choices' in e);

const FINISH: Record<string, string> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  tool_use: 'tool_calls',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  guardrail_intervened: 'content_filter',
  content_filtered: 'content_filter',
};
const EXCEPTIONS: Record<string, number> = {
  'throttling-mid-stream': 429,
  'exception-service-unavailable': 503,
  'exception-validation': 400,
};

describe('the corpus behind /v1/chat/completions', () => {
  it.each(
    corpus
      .filter((e) => e.stopReason && FINISH[e.stopReason])
      .map((e) => [e.behaviour, FINISH[e.stopReason!]!]),
  )('%s finishes with finish_reason %s, streamed and not', async (behaviour, finish) => {
    const streamed = await chat(behaviour, true);
    expect(streamed.status).toBe(200);
    expect(sseEvents(streamed.body).at(-1)).toBe('[DONE]');
    const finishes = chunks(streamed.body).flatMap((c) => c.choices.map((choice) => choice.finish_reason));
    expect(finishes.filter((f) => f !== null)).toEqual([finish]);
    const whole = await chat(behaviour, false);
    expect(whole.status).toBe(200);
    expect(JSON.parse(whole.body).choices[0].finish_reason).toBe(finish);
  });

  it.each(corpus.filter((e) => e.exception || e.error).map((e) => e.behaviour))(
    '%s ends a stream with an error event and no [DONE], and is an HTTP error otherwise',
    async (behaviour) => {
      const streamed = await chat(behaviour, true);
      const events = sseEvents(streamed.body) as Record<string, unknown>[];
      expect(events).not.toContain('[DONE]');
      expect((events.at(-1) as { error?: { code?: string } }).error?.code).toEqual(expect.any(String));
      const whole = await chat(behaviour, false);
      expect(whole.status).toBeGreaterThanOrEqual(400);
      if (EXCEPTIONS[behaviour]) expect(whole.status).toBe(EXCEPTIONS[behaviour]);
      expect(JSON.parse(whole.body).error.code).toEqual(expect.any(String));
    },
  );

  it('streams long tool arguments as deltas that join to the whole JSON', async () => {
    const streamed = await chat('tool-use-long-arguments', true);
    const args = chunks(streamed.body)
      .flatMap((c) => c.choices.flatMap((choice) => choice.delta.tool_calls ?? []))
      .map((call) => call.function?.arguments ?? '')
      .join('');
    expect(JSON.parse(args).rows).toHaveLength(60);
    const whole = JSON.parse((await chat('tool-use-long-arguments', false)).body);
    expect(JSON.parse(whole.choices[0].message.tool_calls[0].function.arguments).rows).toHaveLength(60);
  });

  it('answers a citations reply with the cited text as content', async () => {
    const whole = JSON.parse((await chat('citations', false)).body);
    expect(whole.choices[0].message.content).toContain('The document says: The launch moves to May.');
  });

  it('answers a guardrail intervention on the input with the blocked message and content_filter', async () => {
    const whole = JSON.parse((await chat('guardrail-intervened-input', false)).body);
    expect(whole.choices[0]).toMatchObject({
      finish_reason: 'content_filter',
      message: { content: 'Sorry, the model cannot answer this question.' },
    });
  });

  it('keeps reasoning out of the content of a redacted-reasoning reply', async () => {
    const whole = JSON.parse((await chat('reasoning-redacted', false)).body);
    expect(whole.choices[0].finish_reason).toBe('stop');
    expect(whole.choices[0].message.content).not.toContain('redacted:');
  });
});
