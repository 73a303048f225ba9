// Traces over OTLP (GenAI conventions) against an in-process collector: a SERVER span per request, a CLIENT span
// per upstream attempt, usage and errors, and nothing of the prompt or the caller's credentials.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw, sseEvents, startTestGateway, type TestGateway } from './helpers.js';
import { CLIENT, type OtlpReceiver, requestSpans, SERVER, startOtlpReceiver } from './otlp-receiver.js';

const MODEL_ID = 'amazon.nova-pro-v1:0';
const MODEL = `amazon-bedrock/${MODEL_ID}`;
const TOKEN = 'gateway-token-telemetry-0123456789';
const OTLP_SECRET = 'otlp-api-key-do-not-leak-42';
const ERROR = 2;

describe('traces over OTLP/HTTP JSON', () => {
  let receiver: OtlpReceiver;
  let t: TestGateway;
  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    t = await startTestGateway({
      gateway: {
        auth: { tokens: [TOKEN] },
        telemetry: {
          serviceName: 'outcrop-test',
          otlp: { endpoint: receiver.url, protocol: 'http/json', headers: { 'x-otlp-key': OTLP_SECRET } },
        },
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await receiver?.stop();
  });
  beforeEach(() => {
    receiver.clear();
    t.emulator.scenarios.clear();
  });

  const chat = (content: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}`, ...headers },
      body: chatBody(MODEL, content, extra),
    });

  /** The request's spans once exported: its SERVER span and the CLIENT spans under it. */
  async function exported() {
    await t.gateway.flushTraces();
    return requestSpans(receiver.spans);
  }

  it('a streamed chat completion: one request span, one attempt span, gen_ai attributes and usage', async () => {
    expect(t.gateway.tracing).toBe(true);
    const res = await chat('tell me about granite', {
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 300,
      temperature: 0.3,
    });
    expect(res.status).toBe(200);
    const usage = (
      sseEvents(res.body).at(-2) as { usage: { prompt_tokens: number; completion_tokens: number } }
    ).usage;
    const { request, attempts } = await exported();

    expect(request.name).toBe(`chat ${MODEL_ID}`);
    expect(request.resource['service.name']).toBe('outcrop-test');
    expect(request.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.request.model': MODEL_ID,
      'gen_ai.request.max_tokens': 300,
      'gen_ai.request.temperature': 0.3,
      'gen_ai.response.model': MODEL_ID,
      'gen_ai.response.finish_reasons': ['end_turn'],
      'gen_ai.usage.input_tokens': usage.prompt_tokens,
      'gen_ai.usage.output_tokens': usage.completion_tokens,
      'http.request.method': 'POST',
      'http.route': '/v1/chat/completions',
      'http.response.status_code': 200,
      'outcrop.request.model': MODEL,
    });
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(request.attributes['error.type']).toBeUndefined();
    expect(request.status.code).not.toBe(ERROR);

    expect(attempts).toHaveLength(1);
    const emulatorUrl = new URL(t.emulator.url);
    expect(attempts[0]!.traceId).toBe(request.traceId);
    expect(attempts[0]!.name).toBe(`chat ${MODEL_ID}`);
    expect(attempts[0]!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.request.model': MODEL_ID,
      'gen_ai.response.model': MODEL_ID,
      'gen_ai.usage.output_tokens': usage.completion_tokens,
      'server.address': emulatorUrl.hostname,
      'server.port': Number(emulatorUrl.port),
      'outcrop.attempt.number': 1,
      'outcrop.attempt.reason': 'initial',
    });
    expect(attempts[0]!.attributes['aws.request_id']).toEqual(expect.any(String));
  });

  it('a throttled, then retried request: two attempt spans, the first failed with ThrottlingException', async () => {
    t.emulator.scenarios.push({ throttleAttempts: 1 });
    const res = await chat('retry this one', { stream: true });
    expect(res.status).toBe(200);
    const { request, attempts } = await exported();
    expect(attempts.map((a) => a.attributes['outcrop.attempt.reason'])).toEqual(['initial', 'retry']);
    expect(attempts[0]!.attributes).toMatchObject({
      'error.type': 'ThrottlingException',
      'outcrop.attempt.will_retry': true,
    });
    expect(attempts[0]!.status.code).toBe(ERROR);
    expect(attempts[1]!.attributes).toMatchObject({
      'outcrop.attempt.previous_error': 'ThrottlingException',
      'outcrop.attempt.delay_ms': expect.any(Number),
    });
    expect(attempts[1]!.attributes['error.type']).toBeUndefined();
    expect(attempts[1]!.status.code).not.toBe(ERROR);
    // The request itself succeeded.
    expect(request.status.code).not.toBe(ERROR);
    expect(request.attributes['error.type']).toBeUndefined();
  });

  it('an upstream failure sets the request span status to error with error.type', async () => {
    const res = await chat(
      'x [[scenario:{"httpError":{"status":424,"type":"ModelErrorException","message":"the model failed"}}]]',
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    const { request, attempts } = await exported();
    expect(request.status.code).toBe(ERROR);
    expect(request.attributes['error.type']).toBe('model_error');
    expect(request.attributes['http.response.status_code']).toBe(res.status);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.attributes['error.type']).toBe('ModelErrorException');
    expect(attempts[0]!.status.code).toBe(ERROR);
  });

  it('a failure after the headers (mid-stream exception) still marks the request span as failed', async () => {
    t.emulator.scenarios.push({ streamException: { type: 'modelStreamErrorException', afterEvents: 4 } });
    const res = await chat('one two three four five six seven eight', { stream: true });
    expect(res.status).toBe(200);
    const { request } = await exported();
    expect(request.status.code).toBe(ERROR);
    expect(request.attributes['error.type']).toEqual(expect.any(String));
  });

  it("a caller's own 4xx has error.type but is not a server error; no attempt is made", async () => {
    const res = await raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: { ...JSON_HEADERS, authorization: 'Bearer wrong-token-000000000000' },
      body: chatBody(MODEL, 'hello'),
    });
    expect(res.status).toBe(401);
    const { request, attempts } = await exported();
    expect(request.attributes['error.type']).toBe('invalid_api_key');
    expect(request.status.code).not.toBe(ERROR);
    expect(attempts).toEqual([]);
  });

  it("joins the caller's trace (W3C traceparent)", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    await chat('joined', {}, { traceparent: `00-${traceId}-${parentId}-01` });
    const { request } = await exported();
    expect(request.traceId).toBe(traceId);
    expect(request.parentSpanId).toBe(parentId);
  });

  it('exports with the configured headers, and no prompt text, answer text or caller token in any span', async () => {
    const marker = 'PROMPT-MARKER-basalt-7f3e';
    const res = await chat(`please repeat ${marker}`, { stream: true });
    expect(res.body).toContain('basalt');
    await exported();
    expect(receiver.headers.every((h) => h['x-otlp-key'] === OTLP_SECRET)).toBe(true);
    const everything = receiver.bodies.join('\n');
    expect(everything).toContain('gen_ai.operation.name');
    for (const secret of [marker, 'basalt', TOKEN, OTLP_SECRET]) expect(everything).not.toContain(secret);
  });
});

describe('sampling', () => {
  it('sampleRatio 0 traces nothing of its own, but follows a caller whose traceparent is sampled', async () => {
    const receiver = await startOtlpReceiver();
    const t = await startTestGateway({
      gateway: { telemetry: { sampleRatio: 0, otlp: { endpoint: receiver.url, protocol: 'http/json' } } },
    });
    try {
      const post = (headers: Record<string, string>) =>
        raw(t.gateway.url, {
          method: 'POST',
          path: '/v1/chat/completions',
          headers: { ...JSON_HEADERS, ...headers },
          body: chatBody(MODEL, 'sampled?'),
        });
      expect((await post({})).status).toBe(200);
      await t.gateway.flushTraces();
      expect(receiver.spans).toEqual([]);
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      expect((await post({ traceparent: `00-${traceId}-b7ad6b7169203331-01` })).status).toBe(200);
      await t.gateway.flushTraces();
      expect(receiver.spans.map((s) => s.traceId)).toEqual([traceId, traceId]);
      expect(receiver.spans.map((s) => s.kind).sort()).toEqual([SERVER, CLIENT]);
    } finally {
      await t.stop();
      await receiver.stop();
    }
  });
});
