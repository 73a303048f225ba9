import type { Message, ReasoningContent, StreamPart } from '@outcrop/provider';
import { z } from 'zod';
import { createMemoryState } from './shared-state/memory-state.js';
import type { SharedMemory } from './shared-state/shared-state.js';

const ONE_HOUR_MS = 60 * 60 * 1000;

/**
 * Signed reasoning, kept by the gateway between the turn that produced it and the request that continues it.
 *
 * Claude with extended thinking requires the assistant turn that called a tool to be sent back with its signed
 * reasoning blocks, but OpenAI clients keep only `content` and `tool_calls` (a `reasoning_content` echo, if any,
 * has no signature). So thinking + tools breaks behind every OpenAI-compatible proxy. The gateway remembers the
 * signed blocks under the tool call ids it answered with, and puts them back when a request replays those calls.
 *
 * Entries are keyed by caller too, so one token's client cannot pull another's reasoning into its conversation by
 * guessing a tool call id. They live in the shared memory (this process, bounded in entries and bytes, or Redis,
 * so the next turn may land on another replica) and expire.
 */
export class ReasoningMemory {
  constructor(
    private readonly store: SharedMemory = createMemoryState().memory,
    private readonly ttlMs = ONE_HOUR_MS,
  ) {}

  async remember(caller: string, toolCallIds: string[], blocks: ReasoningContent[]): Promise<void> {
    if (blocks.length === 0 || toolCallIds.length === 0) return;
    const value = JSON.stringify(blocks);
    await Promise.all(toolCallIds.map((id) => this.store.set(keyOf(caller, id), value, this.ttlMs)));
  }

  async recall(caller: string, toolCallId: string): Promise<ReasoningContent[] | undefined> {
    const value = await this.store.get(keyOf(caller, toolCallId));
    return value === undefined ? undefined : parseBlocks(value);
  }

  /** Puts remembered signed reasoning back in front of every assistant turn whose tool calls it belongs to. */
  async restore(messages: Message[], caller: string): Promise<void> {
    for (const message of messages) {
      if (message.role !== 'assistant') continue;
      const firstCall = message.content.find((part) => part.type === 'tool-call');
      if (firstCall?.type !== 'tool-call') continue;
      const blocks = await this.recall(caller, firstCall.toolCallId);
      if (!blocks) continue;
      message.content = [...blocks, ...message.content.filter((part) => part.type !== 'reasoning')];
    }
  }
}

function keyOf(caller: string, toolCallId: string): string {
  return `reasoning:${caller}\u0000${toolCallId}`;
}

const blocksSchema = z.array(
  z.object({
    type: z.literal('reasoning'),
    text: z.string(),
    signature: z.string().optional(),
    redactedData: z.string().optional(),
  }),
);

/** What comes back from a shared store is checked like any external input; a bad entry is as good as none. */
function parseBlocks(value: string): ReasoningContent[] | undefined {
  try {
    const parsed = blocksSchema.safeParse(JSON.parse(value));
    if (!parsed.success) return undefined;
    return parsed.data.map((b) => {
      const block: ReasoningContent = { type: 'reasoning', text: b.text };
      if (b.signature !== undefined) block.signature = b.signature;
      if (b.redactedData !== undefined) block.redactedData = b.redactedData;
      return block;
    });
  } catch {
    return undefined;
  }
}

/** Collects the signed reasoning blocks and tool call ids of one streamed turn. */
export class TurnRecorder {
  private readonly blocks: ReasoningContent[] = [];
  private readonly toolCallIds: string[] = [];
  private text: string[] = [];

  readonly see = (part: StreamPart): void => {
    switch (part.type) {
      case 'reasoning-delta':
        this.text.push(part.delta);
        return;
      case 'reasoning-end': {
        // Only signed or redacted blocks can be handed back to the model; plain ones are dropped.
        if (part.signature !== undefined || part.redactedData !== undefined) {
          const block: ReasoningContent = { type: 'reasoning', text: this.text.join('') };
          if (part.signature !== undefined) block.signature = part.signature;
          if (part.redactedData !== undefined) block.redactedData = part.redactedData;
          this.blocks.push(block);
        }
        this.text = [];
        return;
      }
      case 'tool-call-start':
        this.toolCallIds.push(part.toolCallId);
        return;
      default:
        return;
    }
  };

  /** Stores the turn's signed reasoning when the turn called tools (the only case a replay needs it). */
  commit(memory: ReasoningMemory, caller: string): Promise<void> {
    return memory.remember(caller, this.toolCallIds, this.blocks);
  }
}
