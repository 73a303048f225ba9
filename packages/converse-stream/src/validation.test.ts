import { describe, expect, it } from 'vitest';
import { ConverseStreamError } from './errors.js';
import { validateConverseRequest } from './validation.js';

const user = (...content: unknown[]) => ({ role: 'user', content });
const assistant = (...content: unknown[]) => ({ role: 'assistant', content });
const text = (t: string) => ({ text: t });
const toolUse = (id: string, name = 'get_weather') => ({ toolUse: { toolUseId: id, name, input: {} } });
const toolResult = (id: string) => ({ toolResult: { toolUseId: id, content: [{ text: 'ok' }] } });
const tools = { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: {} } } }] };
const base = { modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0', messages: [user(text('hi'))] };

function rejection(input: unknown, options = {}): ConverseStreamError {
  try {
    validateConverseRequest(input, options);
  } catch (error) {
    if (ConverseStreamError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

describe('validateConverseRequest', () => {
  it('accepts a well-formed tool round trip with every kind of config', () => {
    expect(() =>
      validateConverseRequest({
        ...base,
        messages: [
          user(text('weather?')),
          assistant(
            { reasoningContent: { reasoningText: { text: 'plan', signature: 'sig' } } },
            text('checking'),
            toolUse('t1'),
          ),
          user(toolResult('t1'), { cachePoint: { type: 'default' } }),
        ],
        system: [text('be terse'), { cachePoint: { type: 'default' } }],
        toolConfig: { ...tools, toolChoice: { tool: { name: 'get_weather' } } },
        inferenceConfig: { maxTokens: 4096, temperature: 0.2, topP: 0.9 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
      }),
    ).not.toThrow();
  });

  const cases: Array<[string, unknown, string, { message?: number; block?: number }]> = [
    ['blank text', { ...base, messages: [user(text('  \n'))] }, 'blank_text', { message: 0, block: 0 }],
    ['blank system text', { ...base, system: [text(' ')] }, 'blank_text', { block: 0 }],
    ['bad role', { ...base, messages: [{ role: 'system', content: [text('x')] }] }, 'role', { message: 0 }],
    ['assistant first', { ...base, messages: [assistant(text('x'))] }, 'first_message_user', { message: 0 }],
    [
      'no alternation',
      { ...base, messages: [user(text('a')), user(text('b'))] },
      'alternation',
      { message: 1 },
    ],
    ['empty content', { ...base, messages: [user()] }, 'empty_content', { message: 0 }],
    ['no messages', { ...base, messages: [] }, 'messages_required', {}],
    [
      'two-member block',
      { ...base, messages: [user({ text: 'a', image: {} })] },
      'block_shape',
      { message: 0, block: 0 },
    ],
    [
      'toolUse without toolConfig',
      { ...base, messages: [user(text('a')), assistant(toolUse('t1')), user(toolResult('t1'))] },
      'tool_config_required',
      {},
    ],
    [
      'stray toolResult',
      {
        ...base,
        toolConfig: tools,
        messages: [user(text('a')), assistant(toolUse('t1')), user(toolResult('t1'), toolResult('t2'))],
      },
      'tool_result_pairing',
      { message: 2, block: 1 },
    ],
    [
      'unanswered toolUse',
      {
        ...base,
        toolConfig: tools,
        messages: [user(text('a')), assistant(toolUse('t1'), toolUse('t2')), user(toolResult('t1'))],
      },
      'tool_use_unanswered',
      { message: 2 },
    ],
    [
      'toolUse in a user turn',
      { ...base, toolConfig: tools, messages: [user(toolUse('t1'))] },
      'tool_use_role',
      { message: 0, block: 0 },
    ],
    [
      'bad tool-use id',
      {
        ...base,
        toolConfig: tools,
        messages: [user(text('a')), assistant(toolUse('call:1/x')), user(toolResult('call:1/x'))],
      },
      'tool_use_id',
      { message: 1, block: 0 },
    ],
    [
      'bad tool name',
      { ...base, toolConfig: { tools: [{ toolSpec: { name: 'get weather' } }] } },
      'tool_name',
      {},
    ],
    [
      'long tool name',
      { ...base, toolConfig: { tools: [{ toolSpec: { name: 'x'.repeat(65) } }] } },
      'tool_name',
      {},
    ],
    [
      'duplicate tool',
      { ...base, toolConfig: { tools: [tools.tools[0], tools.tools[0]] } },
      'tool_name_duplicate',
      {},
    ],
    [
      'unknown toolChoice',
      { ...base, toolConfig: { ...tools, toolChoice: { tool: { name: 'nope' } } } },
      'tool_choice',
      {},
    ],
    [
      'five cache points',
      {
        ...base,
        system: [text('s'), { cachePoint: { type: 'default' } }, { cachePoint: { type: 'default' } }],
        messages: [user(text('a'), { cachePoint: {} }, { cachePoint: {} }, { cachePoint: {} })],
      },
      'cache_points',
      {},
    ],
    ['maxTokens over the limit', { ...base, inferenceConfig: { maxTokens: 9000 } }, 'max_tokens', {}],
    ['maxTokens not an integer', { ...base, inferenceConfig: { maxTokens: 1.5 } }, 'max_tokens', {}],
    ['temperature > 1', { ...base, inferenceConfig: { temperature: 1.5 } }, 'temperature', {}],
    ['topP < 0', { ...base, inferenceConfig: { topP: -0.1 } }, 'top_p', {}],
    [
      'thinking budget >= maxTokens',
      {
        ...base,
        inferenceConfig: { maxTokens: 2000 },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2000 } },
      },
      'thinking_budget',
      {},
    ],
    [
      'thinking budget too small',
      { ...base, additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 100 } } },
      'thinking_budget',
      {},
    ],
    [
      'bmp image',
      { ...base, messages: [user(text('see'), { image: { format: 'bmp', source: { bytes: 'AA==' } } })] },
      'image_format',
      { message: 0, block: 1 },
    ],
    [
      'bmp image in a tool result',
      {
        ...base,
        toolConfig: tools,
        messages: [
          user(text('a')),
          assistant(toolUse('t1')),
          user({ toolResult: { toolUseId: 't1', content: [{ image: { format: 'tiff' } }] } }),
        ],
      },
      'image_format',
      { message: 2, block: 0 },
    ],
    [
      'document name',
      { ...base, messages: [user(text('read'), { document: { name: 'report.pdf', format: 'pdf' } })] },
      'document_name',
      { message: 0, block: 1 },
    ],
  ];

  it.each(cases)('rejects %s', (_name, input, rule, location) => {
    const error = rejection(input, { maxTokensLimit: 8192 });
    expect(error.code).toBe('validation');
    expect(error.rule).toBe(rule);
    expect(error.location).toMatchObject(location);
    expect(error.retryable).toBe(false);
  });

  it('accepts a thinking tool turn that starts with its reasoning, and older turns without', () => {
    const reasoning = { reasoningContent: { reasoningText: { text: 'plan', signature: 'sig' } } };
    expect(() =>
      validateConverseRequest({
        ...base,
        toolConfig: tools,
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
        inferenceConfig: { maxTokens: 4096 },
        messages: [
          user(text('a')),
          assistant(toolUse('t0')),
          user(toolResult('t0')),
          assistant(reasoning, toolUse('t1')),
          user(toolResult('t1')),
        ],
      }),
    ).not.toThrow();
  });

  it('names Bedrock-style paths in the message', () => {
    const error = rejection({ ...base, messages: [user(text('a')), assistant(text(' '))] });
    expect(error.message).toContain('messages.1.content.0');
    expect(error.location?.path).toBe('messages.1.content.0');
  });
});
