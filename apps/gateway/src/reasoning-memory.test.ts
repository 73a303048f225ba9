import type { Message, StreamPart } from '@outcrop/provider';
import { describe, expect, it, vi } from 'vitest';
import { ReasoningMemory, TurnRecorder } from './reasoning-memory.js';
import { createMemoryState } from './shared-state/memory-state.js';

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
  it('keeps signed and redacted blocks with their text, drops unsigned ones, and stores them under tool call ids', async () => {
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
    await turn.commit(memory, 'caller-a');
    expect(await memory.recall('caller-a', 'tooluse_1')).toEqual([
      signed,
      { type: 'reasoning', text: '', redactedData: 'AAAA' },
    ]);
  });

  it('stores nothing for a turn without tool calls', async () => {
    const turn = new TurnRecorder();
    turn.see({ type: 'reasoning-delta', id: 'r', delta: 'x' });
    turn.see({ type: 'reasoning-end', id: 'r', signature: 's' });
    const state = createMemoryState();
    const set = vi.spyOn(state.memory, 'set');
    await turn.commit(new ReasoningMemory(state.memory), 'c');
    expect(set).not.toHaveBeenCalled();
  });
});

describe('ReasoningMemory', () => {
  it('puts signed reasoning back in front of the replayed tool call, replacing unsigned echoes', async () => {
    const memory = new ReasoningMemory();
    await memory.remember('caller-a', ['tooluse_1'], [signed]);
    const call = replayed();
    await memory.restore(call.messages, 'caller-a');
    expect(call.messages[1]).toEqual({
      role: 'assistant',
      content: [signed, { type: 'tool-call', toolCallId: 'tooluse_1', toolName: 'weather', arguments: {} }],
    });
  });

  it('never restores another caller’s reasoning', async () => {
    const memory = new ReasoningMemory();
    await memory.remember('caller-a', ['tooluse_1'], [signed]);
    const call = replayed();
    await memory.restore(call.messages, 'caller-b');
    expect(call.messages[1]).toEqual(replayed().messages[1]);
  });

  it('forgets entries after the TTL and beyond its entry bound', async () => {
    let now = 1_000; // a clock reading, as performance.now() never returns 0 once running
    const state = createMemoryState({ now: () => now, maxEntries: 2 });
    const memory = new ReasoningMemory(state.memory, 1000);
    await memory.remember('c', ['a'], [signed]);
    await memory.remember('c', ['b'], [signed]);
    await memory.remember('c', ['d'], [signed]);
    expect(await memory.recall('c', 'a')).toBeUndefined();
    expect(await memory.recall('c', 'd')).toEqual([signed]);
    now = 2_001;
    expect(await memory.recall('c', 'd')).toBeUndefined();
  });

  it('bounds the total size of what it keeps', async () => {
    const state = createMemoryState({ maxBytes: 150 });
    const memory = new ReasoningMemory(state.memory);
    const big = { type: 'reasoning' as const, text: 'x'.repeat(20), signature: 'sig' };
    await memory.remember('c', ['a'], [big]);
    await memory.remember('c', ['b'], [big]);
    await memory.remember('c', ['d'], [big]);
    expect(await memory.recall('c', 'a')).toBeUndefined();
    expect(await memory.recall('c', 'd')).toEqual([big]);
  });

  it('treats a malformed stored entry as none', async () => {
    const state = createMemoryState();
    await state.memory.set('reasoning:c\u0000x', '{"not":"blocks"}', 1000);
    await state.memory.set('reasoning:c\u0000y', 'not json', 1000);
    const memory = new ReasoningMemory(state.memory);
    expect(await memory.recall('c', 'x')).toBeUndefined();
    expect(await memory.recall('c', 'y')).toBeUndefined();
  });
});
