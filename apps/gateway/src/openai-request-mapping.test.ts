import { describe, expect, it } from 'vitest';
import { GatewayError } from './errors.js';
import { parseChatCompletionRequest } from './openai-request.js';
import { toProviderCall } from './openai-request-mapping.js';

/** The provider context and options of a request, side by side. */
const map = (body: Record<string, unknown>) => {
  const { context, options } = toProviderCall(parseChatCompletionRequest({ model: 'm', ...body }));
  return { ...context, ...options };
};

function mappingError(body: Record<string, unknown>): GatewayError {
  try {
    map(body);
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a GatewayError');
}

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('toProviderCall', () => {
  it('joins system and developer messages into the system prompt', () => {
    const call = map({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(call.system).toBe('Be brief.\n\nUse metric units.');
    expect(call.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('decodes image data URLs and refuses remote URLs', () => {
    const call = map({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
      ],
    });
    expect(call.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'what is this?' },
        { type: 'image', mediaType: 'image/png', data: PNG },
      ],
    });
    const remote = mappingError({
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://169.254.169.254/x' } }] },
      ],
    });
    expect(remote.param).toBe('messages[0].content[0].image_url.url');
    const tiff = mappingError({
      messages: [
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/tiff;base64,AAAA' } }] },
      ],
    });
    expect(tiff.message).toContain('image/tiff');
  });

  it('maps assistant tool calls and tool results with the called tool name', () => {
    const call = map({
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'I should call the tool.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18 C' },
      ],
    });
    expect(call.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'I should call the tool.' },
        { type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', arguments: { city: 'Paris' } },
      ],
    });
    expect(call.messages[2]).toEqual({
      role: 'tool',
      toolCallId: 'call_1',
      toolName: 'weather',
      content: '18 C',
    });
  });

  it('locates bad tool arguments and orphan tool results', () => {
    const bad = mappingError({
      messages: [
        { role: 'user', content: 'x' },
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'function', function: { name: 't', arguments: '{' } }],
        },
      ],
    });
    expect(bad.param).toBe('messages[1].tool_calls[0].function.arguments');
    const orphan = mappingError({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'tool', tool_call_id: 'nope', content: 'r' },
      ],
    });
    expect(orphan.param).toBe('messages[1].tool_call_id');
  });

  it('maps tools and tool_choice, and checks the named tool exists', () => {
    const tools = [{ type: 'function', function: { name: 'weather', description: 'Weather by city' } }];
    const user = [{ role: 'user', content: 'x' }];
    const call = map({
      messages: user,
      tools,
      tool_choice: { type: 'function', function: { name: 'weather' } },
    });
    expect(call.tools).toEqual([
      { name: 'weather', description: 'Weather by city', parameters: { type: 'object', properties: {} } },
    ]);
    expect(call.toolChoice).toEqual({ type: 'tool', toolName: 'weather' });
    expect(map({ messages: user, tools, tool_choice: 'required' }).toolChoice).toBe('required');
    expect(
      mappingError({ messages: user, tools, tool_choice: { type: 'function', function: { name: 'x' } } })
        .param,
    ).toBe('tool_choice.function.name');
    expect(mappingError({ messages: user, tool_choice: 'required' }).param).toBe('tool_choice');
  });

  it('maps sampling, limits, stops and reasoning effort', () => {
    const user = [{ role: 'user', content: 'x' }];
    const call = map({
      messages: user,
      max_tokens: 100,
      max_completion_tokens: 200,
      temperature: 0.2,
      top_p: 0.9,
      stop: 'END',
      reasoning_effort: 'xhigh',
    });
    expect(call).toMatchObject({
      maxTokens: 200,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ['END'],
      reasoning: 'max',
    });
    expect(map({ messages: user, max_tokens: 50 }).maxTokens).toBe(50);
    expect(map({ messages: user, reasoning_effort: 'none' }).reasoning).toBe('off');
    expect(map({ messages: user }).reasoning).toBeUndefined();
  });

  it('needs at least one conversation message besides the system prompt', () => {
    expect(mappingError({ messages: [{ role: 'system', content: 'x' }] }).param).toBe('messages');
  });
});
