import { describe, expect, it } from 'vitest';
import { ToolCallAccumulator } from './tool-call-accumulator.js';

describe('ToolCallAccumulator', () => {
  it('starts, echoes each chunk as a delta and parses the joined arguments once at the end', () => {
    const call = new ToolCallAccumulator('2', 'tooluse_1', 'get_weather');
    expect(call.start()).toEqual({
      type: 'tool-call-start',
      id: '2',
      toolCallId: 'tooluse_1',
      toolName: 'get_weather',
    });
    expect(call.append('{"city":')).toEqual({ type: 'tool-call-delta', id: '2', argumentsDelta: '{"city":' });
    call.append('"Paris","days":[1,');
    call.append('2]}');
    expect(call.end()).toEqual({
      type: 'tool-call-end',
      id: '2',
      toolCallId: 'tooluse_1',
      toolName: 'get_weather',
      arguments: { city: 'Paris', days: [1, 2] },
      rawArguments: '{"city":"Paris","days":[1,2]}',
    });
  });

  it('reads no input (or only white space) as empty arguments', () => {
    expect(new ToolCallAccumulator('0', 't', 'f').end().arguments).toEqual({});
    const spaced = new ToolCallAccumulator('0', 't', 'f');
    spaced.append('  \n');
    expect(spaced.end()).toMatchObject({ arguments: {}, rawArguments: '  \n' });
  });

  it('reports arguments that are not JSON in argumentsError and keeps the raw text', () => {
    const call = new ToolCallAccumulator('0', 't', 'f');
    call.append('{"a":');
    const end = call.end();
    expect(end.arguments).toBeUndefined();
    expect(end.rawArguments).toBe('{"a":');
    expect(end.argumentsError).toMatch(/^Tool arguments are not valid JSON: /);
  });
});
