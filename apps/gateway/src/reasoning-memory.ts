import type { Message, ReasoningContent, StreamPart } from '@outcrop/provider';
import { LRUCache } from 'lru-cache';

interface Entry {
  blocks: ReasoningContent[];
  bytes: number;
}

/**
 * Signed reasoning, kept by the gateway between the turn that produced it and the request that continues it.
 *
 * Claude with extended thinking requires the assistant turn that called a tool to be sent back with its signed
 * reasoning blocks, but OpenAI clients keep only `content` and `tool_calls` (a `reasoning_content` echo, if any,
 * has no signature). So thinking + tools breaks behind every OpenAI-compatible proxy. The gateway remembers the
 * signed blocks under the tool call ids it answered with, and puts them back when a request replays those calls.
 *
 * Entries are keyed by caller too, so one token's client cannot pull another's reasoning into its conversation by
 * guessing a tool call id. The cache is bounded in entries and bytes (least recently used out), and entries expire.
 */
export class ReasoningMemory {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    maxEntries = 10_000,
    ttlMs = 60 * 60 * 1000,
    now: () => number = Date.now,
    /** Thinking can run to many kilobytes a turn; the total kept is bounded too. */
    maxBytes = 32 * 1024 * 1024,
  ) {
    this.entries = new LRUCache<string, Entry>({
      max: maxEntries,
      ttl: ttlMs,
      maxSize: maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
      perf: { now },
      ttlResolution: 0, // read the clock on each check (no cached reading), so an injected clock is honoured
    });
  }

  get size(): number {
    return this.entries.size;
  }

  remember(caller: string, toolCallIds: string[], blocks: ReasoningContent[]): void {
    if (blocks.length === 0 || toolCallIds.length === 0) return;
    // Counted per entry although tool calls of one turn share the blocks: an upper bound is what matters.
    const bytes = blocks.reduce(
      (sum, b) => sum + b.text.length + (b.signature?.length ?? 0) + (b.redactedData?.length ?? 0),
      0,
    );
    for (const id of toolCallIds) this.entries.set(`${caller}\u0000${id}`, { blocks, bytes });
  }

  recall(caller: string, toolCallId: string): ReasoningContent[] | undefined {
    return this.entries.get(`${caller}\u0000${toolCallId}`)?.blocks;
  }

  /** Puts remembered signed reasoning back in front of every assistant turn whose tool calls it belongs to. */
  restore(messages: Message[], caller: string): void {
    for (const message of messages) {
      if (message.role !== 'assistant') continue;
      const firstCall = message.content.find((part) => part.type === 'tool-call');
      if (firstCall?.type !== 'tool-call') continue;
      const blocks = this.recall(caller, firstCall.toolCallId);
      if (!blocks) continue;
      message.content = [...blocks, ...message.content.filter((part) => part.type !== 'reasoning')];
    }
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
  commit(memory: ReasoningMemory, caller: string): void {
    memory.remember(caller, this.toolCallIds, this.blocks);
  }
}
