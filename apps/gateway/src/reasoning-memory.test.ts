import type { Message, StreamPart } from '@outcrop/provider';
import { describe, expect, it } from 'vitest';
import { ReasoningMemory, TurnRecorder } from './reasoning-memory.js';

const signed = { type: 'reasoning' as const, text: 'Use the tool.', signature: 'sig-1' };

function replayed(): { messages: Message[] } {
  return {
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'unsigned echo from the client' },
          { type: 'tool-call', toolCallId: 'tooluse_1', toolName: 'weather', arguments: {} },
        ],
      },
      { role: 'tool', toolCallId: 'tooluse_1', toolName: 'weather', content: 'sunny' },
    ],
  };
}

describe('TurnRecorder', () => {
  it('keeps signed and redacted blocks with their text, drops unsigned ones, and stores them under tool call ids', () => {
    const turn = new TurnRecorder();
    const parts: StreamPart[] = [
      { type: 'reasoning-delta', id: 'r1', delta: 'plain ' },
      { type: 'reasoning-end', id: 'r1' },
      { type: 'reasoning-delta', id: 'r2', delta: 'Use ' },
      { type: 'reasoning-delta', id: 'r2', delta: 'the tool.' },
      { type: 'reasoning-end', id: 'r2', signature: 'sig-1' },
      { type: 'reasoning-end', id: 'r3', redactedData: 'AAAA' },
      { type: 'tool-call-start', id: 't1', toolCallId: 'tooluse_1', toolName: 'weather' },
    ];
    for (const part of parts) turn.see(part);
    const memory = new ReasoningMemory();
    turn.commit(memory, 'caller-a');
    expect(memory.recall('caller-a', 'tooluse_1')).toEqual([
      signed,
      { type: 'reasoning', text: '', redactedData: 'AAAA' },
    ]);
  });

  it('stores nothing for a turn without tool calls', () => {
    const turn = new TurnRecorder();
    turn.see({ type: 'reasoning-delta', id: 'r', delta: 'x' });
    turn.see({ type: 'reasoning-end', id: 'r', signature: 's' });
    const memory = new ReasoningMemory();
    turn.commit(memory, 'c');
    expect(memory.size).toBe(0);
  });
});

describe('ReasoningMemory', () => {
  it('puts signed reasoning back in front of the replayed tool call, replacing unsigned echoes', () => {
    const memory = new ReasoningMemory();
    memory.remember('caller-a', ['tooluse_1'], [signed]);
    const call = replayed();
    memory.restore(call.messages, 'caller-a');
    expect(call.messages[1]).toEqual({
      role: 'assistant',
      content: [signed, { type: 'tool-call', toolCallId: 'tooluse_1', toolName: 'weather', arguments: {} }],
    });
  });

  it('never restores another caller’s reasoning', () => {
    const memory = new ReasoningMemory();
    memory.remember('caller-a', ['tooluse_1'], [signed]);
    const call = replayed();
    memory.restore(call.messages, 'caller-b');
    expect(call.messages[1]).toEqual(replayed().messages[1]);
  });

  it('forgets entries after the TTL and beyond its size bound', () => {
    let now = 1_000; // a clock reading, as performance.now() never returns 0 once running
    const memory = new ReasoningMemory(2, 1000, () => now);
    memory.remember('c', ['a'], [signed]);
    memory.remember('c', ['b'], [signed]);
    memory.remember('c', ['d'], [signed]);
    expect(memory.size).toBe(2);
    expect(memory.recall('c', 'a')).toBeUndefined();
    expect(memory.recall('c', 'd')).toEqual([signed]);
    now = 2_001;
    expect(memory.recall('c', 'd')).toBeUndefined();
  });

  it('bounds the total size of what it keeps', () => {
    const memory = new ReasoningMemory(100, 1000, Date.now, 50);
    const big = { type: 'reasoning' as const, text: 'x'.repeat(20), signature: 'sig' };
    memory.remember('c', ['a'], [big]);
    memory.remember('c', ['b'], [big]);
    memory.remember('c', ['d'], [big]);
    expect(memory.size).toBe(2);
    expect(memory.recall('c', 'a')).toBeUndefined();
  });
});
