import { describe, expect, it } from 'vitest';
import { GatewayError } from '../errors.js';
import { parseMessagesRequest } from './request.js';
import { toMessagesCall } from './request-mapping.js';

const call = (body: Record<string, unknown>) =>
  toMessagesCall(parseMessagesRequest({ model: 'claude-sonnet-4-5', max_tokens: 100, ...body }));

function failure(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected a GatewayError');
}

describe('toMessagesCall', () => {
  it('splits a user turn into tool results (with the tool name) and new content', () => {
    const { context } = call({
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'w', input: { city: 'Oslo' } }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'sunny', is_error: true },
            { type: 'text', text: 'and tomorrow?' },
          ],
        },
      ],
    });
    expect(context.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'user']);
    expect(context.messages[2]).toMatchObject({ toolCallId: 't1', toolName: 'w', isError: true });
  });

  it('maps thinking budgets to the smallest level with as much room, and adaptive effort', () => {
    const level = (budget: number) =>
      call({
        thinking: { type: 'enabled', budget_tokens: budget },
        messages: [{ role: 'user', content: 'x' }],
      }).options.reasoning;
    expect([1024, 2048, 5000, 16384, 40000].map(level)).toEqual(['minimal', 'low', 'medium', 'high', 'max']);
    const adaptive = call({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(adaptive.options.reasoning).toBe('high');
  });

  it('turns cache_control into cache auto and any tool_choice into required', () => {
    const { options } = call({
      system: [{ type: 'text', text: 'rules', cache_control: { type: 'ephemeral' } }],
      tools: [{ name: 'w', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(options.cache).toBe('auto');
    expect(options.toolChoice).toBe('required');
  });

  it('locates its refusals at the caller field', () => {
    expect(
      failure(() =>
        call({
          messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'nope', content: 'x' }] }],
        }),
      ).param,
    ).toBe('messages[0].content[0].tool_use_id');
    expect(
      failure(() =>
        call({
          tools: [{ type: 'web_search_20250305', name: 'web_search' }],
          messages: [{ role: 'user', content: 'x' }],
        }),
      ).param,
    ).toBe('tools[0].type');
    expect(failure(() => call({ max_tokens: 0, messages: [] })).param).toBe('max_tokens');
  });
});
