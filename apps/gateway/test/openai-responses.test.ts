import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './helpers.js';

// The real `openai` client's Responses surface is the caller (what the Codex CLI speaks).
let t: TestGateway;
let client: OpenAI;
let model: string;

const scenario = (s: object) => `[[scenario:${JSON.stringify(s)}]]`;

beforeAll(async () => {
  t = await startTestGateway();
  client = new OpenAI({ baseURL: `${t.gateway.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  const ids = (await client.models.list()).data.map((m) => m.id);
  model = ids.find((id) => id.includes('claude-sonnet-4-5')) ?? ids[0]!;
});

afterAll(async () => {
  await t?.stop();
});

describe('responses through the openai client', () => {
  it('answers non-streaming with a Response, output_text, usage and store false', async () => {
    const response = await client.responses.create({
      model,
      instructions: 'You are terse.',
      input: 'hello there responses',
    });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output_text).toContain('hello there responses');
    expect(response.usage?.input_tokens).toBeGreaterThan(0);
    expect((response as unknown as { store: boolean }).store).toBe(false);
    const request = t.emulator.journal
      .entries()
      .filter((e) => e.operation === 'ConverseStream')
      .at(-1)?.body as { system?: { text?: string }[] };
    expect(request.system?.[0]?.text).toBe('You are terse.');
  });

  it('streams the event sequence the SDK assembles into the final response', async () => {
    const stream = client.responses.stream({ model, input: 'The quick brown fox jumps over the lazy dog' });
    const types: string[] = [];
    stream.on('event', (event) => types.push(event.type));
    const response = await stream.finalResponse();
    expect(response.output_text).toContain('quick brown fox');
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_item.added');
    expect(types).toContain('response.output_text.delta');
    expect(types.at(-1)).toBe('response.completed');
  });

  it('round-trips a function call with reasoning carried in encrypted_content', async () => {
    const tools: OpenAI.Responses.FunctionTool[] = [
      {
        type: 'function',
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        strict: false,
      },
    ];
    const question = `Weather in Paris? ${scenario({ reasoning: true, toolCall: { name: 'get_weather', input: { city: 'Paris' } } })}`;
    const stream = client.responses.stream({
      model,
      input: question,
      tools,
      reasoning: { effort: 'low' },
    });
    const types = new Set<string>();
    stream.on('event', (event) => types.add(event.type));
    const first = await stream.finalResponse();
    expect(types.has('response.function_call_arguments.delta')).toBe(true);
    expect(types.has('response.reasoning_summary_text.delta')).toBe(true);
    const reasoning = first.output.find((item) => item.type === 'reasoning');
    const call = first.output.find((item) => item.type === 'function_call');
    expect(reasoning?.type === 'reasoning' && reasoning.encrypted_content).toBeTruthy();
    expect(call?.type === 'function_call' && JSON.parse(call.arguments)).toEqual({ city: 'Paris' });

    const second = await client.responses.create({
      model,
      tools,
      reasoning: { effort: 'low' },
      input: [
        { role: 'user', content: question },
        ...(first.output as OpenAI.Responses.ResponseInputItem[]),
        {
          type: 'function_call_output',
          call_id: call!.type === 'function_call' ? call!.call_id : '',
          output: 'sunny',
        },
      ],
    });
    expect(second.status).toBe('completed');
    const request = t.emulator.journal
      .entries()
      .filter((e) => e.operation === 'ConverseStream')
      .at(-1)?.body as { messages: { role: string; content: Record<string, unknown>[] }[] };
    const assistant = request.messages.find((m) => m.role === 'assistant')!.content;
    const replayed = assistant.find((b) => 'reasoningContent' in b) as
      | { reasoningContent: { reasoningText: { signature?: string } } }
      | undefined;
    expect(replayed?.reasoningContent.reasoningText.signature).toBeTruthy();
  });

  it('refuses previous_response_id with a located 400', async () => {
    const err = await client.responses
      .create({ model, input: 'hi', previous_response_id: 'resp_123' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('previous_response_id');
  });
});
