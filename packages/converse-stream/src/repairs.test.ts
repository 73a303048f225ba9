import { describe, expect, it } from 'vitest';
import { repairConverseRequest } from './repairs.js';
import { validateConverseRequest } from './validation.js';

const tools = { tools: [{ toolSpec: { name: 'f', inputSchema: { json: {} } } }] };

describe('repairConverseRequest', () => {
  it('repairs a request that fails validation into one that passes, reporting every change', () => {
    const input = {
      modelId: 'm.x-v1:0',
      toolConfig: tools,
      system: [{ text: ' ' }, { text: 'sys' }],
      messages: [
        { role: 'user', content: [{ text: 'hi' }] },
        { role: 'user', content: [{ text: '' }, { text: 'again' }] },
        {
          role: 'assistant',
          content: [
            { toolUse: { toolUseId: 'call:1', name: 'f', input: {} } },
            { toolUse: { toolUseId: 'call/1', name: 'f', input: {} } },
          ],
        },
        {
          role: 'user',
          content: [
            { text: 'here you go' },
            { toolResult: { toolUseId: 'call:1', content: [{ text: 'a' }] } },
          ],
        },
        { role: 'user', content: [{ toolResult: { toolUseId: 'call/1', content: [{ text: 'b' }] } }] },
        { role: 'assistant', content: [{ text: '   ' }] },
      ],
    };
    const snapshot = structuredClone(input);
    expect(() => validateConverseRequest(input)).toThrow();
    const { input: repaired, warnings } = repairConverseRequest(input);
    expect(input).toEqual(snapshot);
    expect(() => validateConverseRequest(repaired)).not.toThrow();
    expect(new Set(warnings.map((w) => w.code))).toEqual(
      new Set([
        'repair_dropped_blank_text',
        'repair_merged_turns',
        'repair_sanitised_tool_use_id',
        'repair_grouped_tool_results',
      ]),
    );
    const messages = repaired.messages as Array<{
      role: string;
      content: Array<Record<string, { toolUseId?: string }>>;
    }>;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    const ids = messages[1]!.content.map((b) => b.toolUse!.toolUseId);
    expect(ids).toEqual(['call_1', 'call_1_2']);
    expect(messages[2]!.content.slice(0, 2).map((b) => b.toolResult?.toolUseId)).toEqual(ids);
    expect(messages[2]!.content[2]).toEqual({ text: 'here you go' });
    expect(repaired.system).toEqual([{ text: 'sys' }]);
  });

  it('leaves a valid request alone', () => {
    const input = { modelId: 'm', messages: [{ role: 'user', content: [{ text: 'hi' }] }] };
    const { input: repaired, warnings } = repairConverseRequest(input);
    expect(warnings).toEqual([]);
    expect(repaired).toEqual(input);
  });
});
