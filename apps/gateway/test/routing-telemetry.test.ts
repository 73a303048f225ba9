// The spans of one routed request (GenAI conventions, over OTLP to an in-process collector): two regions, each
// an emulator reached through the real AWS SDK with its own account (profile); the first region's tiny quota
// throttles the call, the router moves it to the second, and each move is its own CLIENT span saying why.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chatBody, JSON_HEADERS, raw, startTestGateway, type TestGateway } from './helpers.js';
import { type OtlpReceiver, type ReceivedSpan, requestSpans, startOtlpReceiver } from './otlp-receiver.js';

const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const ERROR = 2;

let receiver: OtlpReceiver;
let t: TestGateway;
let east: Emulator;
let west: Emulator;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  // Far less than one call reserves (input + max_tokens): every call on us-east-1 is throttled.
  east = await startEmulator({ region: 'us-east-1', quotas: { tokensPerMinute: 50 } });
  west = await startEmulator({ region: 'us-west-2' });
  t = await startTestGateway({
    gateway: { telemetry: { otlp: { endpoint: receiver.url, protocol: 'http/json' } } },
    models: {
      routes: {
        spread: {
          model: MODEL,
          targets: [
            // The heavier weight goes first; its quota is not configured, so only Bedrock's answer tells.
            { name: 'east', region: 'us-east-1', profile: 'east-acct', baseUrl: east.url, weight: 5 },
            { name: 'west', region: 'us-west-2', profile: 'west-acct', baseUrl: west.url },
          ],
        },
        tiered: {
          model: MODEL,
          tiers: ['flex', 'default'],
          targets: [{ name: 'west', region: 'us-west-2', profile: 'west-acct', baseUrl: west.url }],
        },
      },
    },
  });
  mkdirSync(join(t.dir, '.aws'), { recursive: true });
  const profile = (name: string, e: Emulator) =>
    `[${name}]\naws_access_key_id = ${e.credentials.accessKeyId}\naws_secret_access_key = ${e.credentials.secretAccessKey}\n`;
  writeFileSync(
    join(t.dir, '.aws', 'credentials'),
    `${profile('east-acct', east)}\n${profile('west-acct', west)}`,
  );
});
afterAll(async () => {
  await t?.stop();
  await Promise.all([east?.stop(), west?.stop(), receiver?.stop()]);
});
beforeEach(() => receiver.clear());

const chat = (model: string, content: string) =>
  raw(t.gateway.url, {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: JSON_HEADERS,
    body: chatBody(model, content, { max_tokens: 200 }),
  });

/** The request's SERVER span and its CLIENT spans in attempt order. */
async function exported() {
  await t.gateway.flushTraces();
  return requestSpans(receiver.spans);
}

describe('traces of a routed request', () => {
  it('a call throttled in one region and rerouted to another: an attempt span for each, the second a reroute', async () => {
    const res = await chat('spread', 'summarize the survey of the basalt quarry');
    expect(res.status).toBe(200);
    expect(res.headers['x-outcrop-target']).toBe('west');
    // Each emulator saw the call once: the transport did not retry the throttled one in place.
    expect(east.journal.entries().filter((e) => e.operation === 'ConverseStream')).toHaveLength(1);
    expect(west.journal.entries().filter((e) => e.operation === 'ConverseStream')).toHaveLength(1);
    const usage = JSON.parse(res.body).usage as { completion_tokens: number };

    const { request, attempts } = await exported();
    expect(request.attributes).toMatchObject({
      'gen_ai.request.model': 'spread',
      'http.response.status_code': 200,
      'outcrop.route.name': 'spread',
      'outcrop.route.target': 'west',
      'outcrop.route.attempts': 2,
      'cloud.region': 'us-west-2',
    });
    expect(request.status.code).not.toBe(ERROR);
    expect(attempts).toHaveLength(2);
    const [first, second] = attempts as [ReceivedSpan, ReceivedSpan];
    expect(first.traceId).toBe(request.traceId);
    expect(first.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'aws.bedrock',
      'gen_ai.request.model': MODEL,
      'outcrop.attempt.number': 1,
      'outcrop.attempt.reason': 'initial',
      'cloud.region': 'us-east-1',
      'server.port': Number(new URL(east.url).port),
      'outcrop.route.name': 'spread',
      'outcrop.route.target': 'east',
      'outcrop.route.profile': 'east-acct',
      'error.type': 'ThrottlingException',
      'outcrop.attempt.will_retry': false,
    });
    expect(first.status.code).toBe(ERROR);
    expect(second.attributes).toMatchObject({
      'gen_ai.request.model': MODEL,
      'gen_ai.response.model': MODEL,
      'gen_ai.usage.output_tokens': usage.completion_tokens,
      'outcrop.attempt.number': 2,
      'outcrop.attempt.reason': 'reroute',
      'outcrop.attempt.previous_error': 'ThrottlingException',
      'cloud.region': 'us-west-2',
      'server.port': Number(new URL(west.url).port),
      'outcrop.route.name': 'spread',
      'outcrop.route.target': 'west',
      'outcrop.route.profile': 'west-acct',
    });
    expect(second.attributes['error.type']).toBeUndefined();
    expect(second.status.code).not.toBe(ERROR);
  });

  it('a flex call throttled and escalated to the default tier: the second span says service_tier_escalation', async () => {
    west.scenarios.push({ throttleAttempts: 1 });
    const res = await chat('tiered', 'list the strata of the western cut');
    expect(res.status).toBe(200);
    expect(res.headers['x-outcrop-target']).toBe('west@default');

    const { attempts } = await exported();
    expect(attempts.map((a) => a.attributes['outcrop.attempt.reason'])).toEqual([
      'initial',
      'service_tier_escalation',
    ]);
    expect(attempts.map((a) => a.attributes['outcrop.route.service_tier'])).toEqual(['flex', 'default']);
    expect(attempts[0]!.attributes['error.type']).toBe('ThrottlingException');
    expect(attempts[1]!.attributes).toMatchObject({
      'outcrop.attempt.previous_error': 'ThrottlingException',
      'outcrop.route.target': 'west@default',
      'cloud.region': 'us-west-2',
    });
  });
});
