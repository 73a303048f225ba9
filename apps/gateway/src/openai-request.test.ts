import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from './errors.js';
import { formatParam, parseChatCompletionRequest, parseOpenAIBody } from './openai-request.js';

function rejection(body: unknown): GatewayError {
  try {
    parseChatCompletionRequest(body);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a GatewayError');
}

const minimal = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

describe('parseChatCompletionRequest', () => {
  it('accepts a minimal request and ignores unknown fields', () => {
    const request = parseChatCompletionRequest({ ...minimal, user: 'u1', seed: 3 });
    expect(request.model).toBe('m');
    expect(request.messages).toHaveLength(1);
  });

  it('names the parameter of the first problem, OpenAI style', () => {
    const err = rejection({
      model: 'm',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: 7 },
      ],
    });
    expect(err.code).toBe('invalid_request');
    expect(err.param).toBe('messages[1].content');
    expect(err.toBody().error.type).toBe('invalid_request_error');
  });

  it('rejects a missing or absurdly long model and empty messages', () => {
    expect(rejection({ messages: minimal.messages }).param).toBe('model');
    expect(rejection({ ...minimal, model: 'm'.repeat(513) }).param).toBe('model');
    expect(rejection({ model: 'm', messages: [] }).param).toBe('messages');
  });

  it('rejects out-of-range sampling values', () => {
    expect(rejection({ ...minimal, temperature: 3 }).param).toBe('temperature');
    expect(rejection({ ...minimal, top_p: -0.1 }).param).toBe('top_p');
    expect(rejection({ ...minimal, max_tokens: 0 }).param).toBe('max_tokens');
    expect(rejection({ ...minimal, stop: ['a', 'b', 'c', 'd', 'e'] }).param).toBe('stop');
  });

  it('rejects unknown roles and bad tool names', () => {
    expect(rejection({ model: 'm', messages: [{ role: 'wizard', content: 'x' }] }).param).toBe(
      'messages[0].role',
    );
    const tools = [{ type: 'function', function: { name: 'has space' } }];
    expect(rejection({ ...minimal, tools }).param).toBe('tools[0].function.name');
  });

  it('refuses n > 1 and structured response formats it cannot honour', () => {
    expect(rejection({ ...minimal, n: 2 }).code).toBe('unsupported_parameter');
    expect(rejection({ ...minimal, response_format: { type: 'json_schema' } }).param).toBe(
      'response_format.json_schema.schema',
    );
    expect(parseChatCompletionRequest({ ...minimal, n: 1, response_format: { type: 'text' } }).n).toBe(1);
  });

  it('rejects an unknown reasoning effort', () => {
    expect(rejection({ ...minimal, reasoning_effort: 'ultra' }).param).toBe('reasoning_effort');
  });

  it('rejects a body that is not an object', () => {
    expect(rejection([1, 2]).code).toBe('invalid_request');
    expect(rejection(null).param).toBeNull();
  });
});

describe('formatParam', () => {
  it('writes array indexes in brackets', () => {
    expect(formatParam(['messages', 3, 'tool_calls', 0, 'id'])).toBe('messages[3].tool_calls[0].id');
    expect(formatParam([])).toBe('');
  });
});

describe('parseOpenAIBody', () => {
  const schema = z.object({ items: z.array(z.object({ n: z.number() })) });

  it('returns the parsed body, typed by the schema', () => {
    expect(parseOpenAIBody(schema, { items: [{ n: 1 }] }).items[0]?.n).toBe(1);
  });

  it('turns the first issue into an invalid_request naming its parameter', () => {
    let caught: unknown;
    try {
      parseOpenAIBody(schema, { items: [{ n: 1 }, { n: 'two' }] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(GatewayError);
    const err = caught as GatewayError;
    expect(err.code).toBe('invalid_request');
    expect(err.param).toBe('items[1].n');
    expect(err.message).toMatch(/^Invalid value for 'items\[1\]\.n': /);
  });

  it("names 'body' when the whole body is wrong", () => {
    expect(() => parseOpenAIBody(schema, 'text')).toThrow(/^Invalid value for 'body': /);
  });
});
