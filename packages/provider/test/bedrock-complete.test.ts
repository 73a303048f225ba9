// complete() against the emulator: partial output on failure, structured output (native and forced-tool),
// service tiers reported and priced.
import { beforeEach, describe, expect, it } from 'vitest';
import { checkStreamParts } from '../src/conformance/check-stream.js';
import { ProviderError } from '../src/errors.js';
import type { Outcrop } from '../src/outcrop.js';
import type { CallOptions } from '../src/spec.js';
import { StructuredOutputError } from '../src/structured-result.js';
import type { UpstreamAttempt, UpstreamAttemptEnd } from '../src/upstream-attempt.js';
import { bedrockModel, SONNET_4, useOutcropHarness, userSays } from './helpers.js';

const setup = useOutcropHarness();
const complete: Outcrop['complete'] = (model, context, options) =>
  setup.outcrop.complete(model, context, options);
beforeEach(() => setup.h.emulator.journal.clear());

const sonnet = bedrockModel(SONNET_4);
const sonnet45 = bedrockModel('us.anthropic.claude-sonnet-4-5-20250929-v1:0', {
  cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (ProviderError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('partial output on a failed complete()', () => {
  it('keeps the text generated before a mid-stream exception', async () => {
    setup.h.emulator.scenarios.push({
      reply: 'alpha beta gamma delta epsilon zeta eta theta iota kappa',
      streamException: { type: 'modelStreamErrorException', afterEvents: 6 },
    });
    const error = await failure(complete(sonnet, userSays('go')));
    expect(error.code).toBe('model_error');
    expect(error.partial?.text.length).toBeGreaterThan(0);
    expect('alpha beta gamma delta epsilon zeta eta theta iota kappa'.startsWith(error.partial!.text)).toBe(
      true,
    );
    expect(error.partial?.toolCalls).toEqual([]);
  });

  it('keeps a tool call cut off mid-arguments, raw', async () => {
    setup.h.emulator.scenarios.push({
      toolCall: { name: 'lookup', input: { query: 'x'.repeat(400) } },
      streamException: { type: 'internalServerException', afterEvents: 5 },
    });
    const tools = [
      { name: 'lookup', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
    ];
    const error = await failure(complete(sonnet, { ...userSays('find x'), tools }));
    expect(error.partial?.toolCalls).toHaveLength(1);
    expect(error.partial?.toolCalls[0]).toMatchObject({ toolName: 'lookup' });
    expect(error.partial?.toolCalls[0]?.rawArguments).toMatch(/^\{"query":"x+/);
  });

  it('carries nothing extra when the call failed before any content', async () => {
    setup.h.emulator.scenarios.push({
      httpError: { status: 400, type: 'ValidationException', message: 'no' },
    });
    const error = await failure(complete(sonnet, userSays('go')));
    expect(error.partial).toBeUndefined();
  });
});

const weather = {
  type: 'object',
  properties: {
    city: { type: 'string', maxLength: 40 },
    temp: { type: 'number', minimum: -90, maximum: 60 },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
  },
  required: ['city', 'temp'],
};

describe('structured output', () => {
  it('sends outputConfig.textFormat to a model that has it, reduced, and validates the answer', async () => {
    setup.h.emulator.scenarios.push({ reply: '{"city":"Paris","temp":21,"tags":["mild"]}' });
    const result = await complete(sonnet45, userSays('weather in Paris'), {
      responseFormat: { type: 'json', schema: weather, name: 'weather' },
    });
    expect(result.object).toEqual({ city: 'Paris', temp: 21, tags: ['mild'] });
    const body = setup.h.requests().at(-1)?.body as {
      outputConfig?: { textFormat?: { structure?: { jsonSchema?: { schema?: string; name?: string } } } };
    };
    const sent = body.outputConfig?.textFormat?.structure?.jsonSchema;
    expect(sent?.name).toBe('weather');
    const schema = JSON.parse(sent?.schema ?? '{}');
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).not.toMatch(/maxItems|maxLength|minimum|maximum/);
    expect(
      result.warnings
        .filter((w) => w.code === 'schema-keyword-dropped')
        .map((w) => w.message)
        .join(' '),
    ).toContain('/properties/tags/maxItems');
  });

  it('gets a schema-conforming answer from the model (the emulator rejects keywords Bedrock rejects)', async () => {
    const result = await complete(sonnet45, userSays('weather please'), {
      responseFormat: {
        type: 'json',
        schema: { ...weather, properties: { ...weather.properties, temp: { type: 'number' } } },
      },
    });
    expect(result.object).toMatchObject({ city: expect.any(String), temp: expect.any(Number) });
    expect(setup.h.requests().at(-1)?.status).toBe(200);
  });

  it('answers through a forced tool call on a model without it, as text', async () => {
    setup.h.emulator.scenarios.push({
      toolCall: { name: 'structured_output', input: { city: 'Oslo', temp: -3 } },
    });
    const result = await complete(sonnet, userSays('weather in Oslo'), {
      responseFormat: { type: 'json', schema: weather },
    });
    expect(result.object).toEqual({ city: 'Oslo', temp: -3 });
    expect(result.finishReason).toBe('stop');
    expect(result.message.content.every((b) => b.type === 'text')).toBe(true);
    const body = setup.h.requests().at(-1)?.body as Record<string, unknown>;
    expect(body.outputConfig).toBeUndefined();
    expect(body.toolConfig).toMatchObject({ toolChoice: { tool: { name: 'structured_output' } } });
  });

  it('throws a typed mismatch carrying the raw text, checking the keywords Bedrock could not take', async () => {
    setup.h.emulator.scenarios.push({ reply: '{"city":"Death Valley","temp":99}' });
    const error = await failure(
      complete(sonnet45, userSays('hot'), { responseFormat: { type: 'json', schema: weather } }),
    );
    expect(StructuredOutputError.isInstance(error)).toBe(true);
    const mismatch = error as StructuredOutputError;
    expect(mismatch.code).toBe('output_mismatch');
    expect(mismatch.rawText).toBe('{"city":"Death Valley","temp":99}');
    expect(mismatch.issues[0]?.path).toBe('temp');

    setup.h.emulator.scenarios.push({ reply: 'Sure! Here it is.' });
    const notJson = await failure(
      complete(sonnet45, userSays('hot'), { responseFormat: { type: 'json', schema: weather } }),
    );
    expect(notJson).toMatchObject({ code: 'output_mismatch', rawText: 'Sure! Here it is.' });
  });
});

describe('service tiers', () => {
  it('sends a tier the model has, reports it in the finish part and prices it', async () => {
    const flex = await complete(sonnet45, userSays('cheap please'), { serviceTier: 'flex' });
    expect(setup.h.requests().at(-1)?.body).toMatchObject({ serviceTier: { type: 'flex' } });
    expect(flex.serviceTier).toBe('flex');
    const standard = await complete(sonnet45, userSays('cheap please'));
    expect(standard.serviceTier).toBeUndefined();
    expect(flex.usage).toEqual(standard.usage);
    expect(flex.cost?.total).toBeCloseTo((standard.cost?.total ?? 0) * 0.5, 12);
  });

  it('escalates flex to default once when flex capacity is unavailable, if asked to', async () => {
    const unavailable = {
      httpError: {
        status: 429,
        type: 'ThrottlingException',
        message: 'The flex service tier capacity is currently unavailable.',
        attempts: 1,
      },
    };
    setup.h.emulator.scenarios.push(unavailable);
    const options: CallOptions = {
      serviceTier: 'flex',
      providerOptions: { 'amazon-bedrock': { flexFallback: true } },
    };
    const result = await complete(sonnet45, userSays('go'), options);
    const tiers = setup.h
      .requests()
      .map((r) => (r.body as { serviceTier?: { type?: string } }).serviceTier?.type);
    expect(tiers).toEqual(['flex', 'default']);
    expect(result.serviceTier).toBe('default');
    expect(result.warnings.map((w) => w.code)).toContain('service-tier-escalated');

    setup.h.emulator.journal.clear();
    setup.h.emulator.scenarios.push(unavailable);
    // Without the option the error stands (another prompt: the scenario counts attempts per request content).
    const error = await failure(complete(sonnet45, userSays('go again'), { serviceTier: 'flex' }));
    expect(error.code).toBe('throttled');
    expect(setup.h.requests()).toHaveLength(1);
  });

  it('reports each upstream attempt to onAttempt, the escalated one labelled and numbered after the first', async () => {
    setup.h.emulator.scenarios.push({
      httpError: {
        status: 429,
        type: 'ThrottlingException',
        message: 'The flex service tier capacity is currently unavailable.',
        attempts: 1,
      },
    });
    const seen: { attempt: UpstreamAttempt; end?: UpstreamAttemptEnd }[] = [];
    await complete(sonnet45, userSays('observe the tiers'), {
      serviceTier: 'flex',
      providerOptions: { 'amazon-bedrock': { flexFallback: true } },
      onAttempt: (attempt) => {
        const entry: { attempt: UpstreamAttempt; end?: UpstreamAttemptEnd } = { attempt };
        seen.push(entry);
        return (end) => {
          entry.end = end;
        };
      },
    });
    expect(seen.map((s) => [s.attempt.attempt, s.attempt.reason, s.end?.outcome])).toEqual([
      [1, 'initial', 'error'],
      [2, 'service_tier_escalation', 'ok'],
    ]);
    expect(seen[0]!.end?.error).toMatchObject({
      code: 'throttled',
      awsName: 'ThrottlingException',
      httpStatus: 429,
    });
    expect(seen[1]!.end?.usage?.outputTokens).toBeGreaterThan(0);
    expect(seen[1]!.attempt.modelId).toBe(sonnet45.id);
  });
});

describe('citations', () => {
  it('turns Bedrock citations into typed parts and onto the text of complete()', async () => {
    const report = Buffer.from('Revenue grew nine percent in the third quarter. Costs were flat.');
    const context = {
      messages: [
        {
          role: 'user' as const,
          content: [
            { type: 'document' as const, data: report, mediaType: 'text/plain', name: 'q3', citations: true },
            { type: 'text' as const, text: 'How did revenue do?' },
          ],
        },
      ],
    };
    const result = await complete(sonnet45, context);
    expect(setup.h.requests().at(-1)?.body).toMatchObject({
      messages: [
        { content: [{ document: { citations: { enabled: true } } }, { text: 'How did revenue do?' }] },
      ],
    });
    const cited = result.message.content.find((b) => b.type === 'text' && b.citations);
    expect(cited?.type === 'text' && cited.citations).toEqual([
      {
        title: 'q3',
        documentIndex: 0,
        quotedText: 'Revenue grew nine percent in the third quarter.',
        location: { unit: 'char', start: 0, end: 47 },
      },
    ]);
    const parts = await setup.h.run(sonnet45, context);
    expect(checkStreamParts(parts)).toEqual([]);
    expect(parts.filter((p) => p.type === 'citation')).toHaveLength(1);
  });
});
