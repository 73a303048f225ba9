import type { AssistantPart, CallEvent, ModelCall } from './model-call.js';

type ReasoningPart = Extract<AssistantPart, { type: 'reasoning' }>;

/**
 * Signed reasoning, kept by the gateway between the turn that produced it and the request that continues it.
 *
 * Claude with extended thinking requires the assistant turn that called a tool to be sent back with its signed
 * reasoning blocks, but OpenAI clients keep only `content` and `tool_calls` (a `reasoning_content` echo, if any,
 * has no signature). So thinking + tools breaks behind every OpenAI-compatible proxy. The gateway remembers the
 * signed blocks under the tool call ids it answered with, and puts them back when a request replays those calls.
 *
 * Entries are keyed by caller too, so one token's client cannot pull another's reasoning into its conversation by
 * guessing a tool call id. The map is bounded (least recently used out) and entries expire.
 */
export class ReasoningMemory {
  private readonly entries = new Map<string, { blocks: ReasoningPart[]; at: number; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
    /** Thinking can run to many kilobytes a turn; the total kept is bounded too. */
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  remember(caller: string, toolCallIds: string[], blocks: ReasoningPart[]): void {
    if (blocks.length === 0 || toolCallIds.length === 0) return;
    const at = this.now();
    // Counted per entry although tool calls of one turn share the blocks: an upper bound is what matters.
    const bytes = blocks.reduce(
      (sum, b) => sum + b.text.length + (b.signature?.length ?? 0) + (b.redactedData?.length ?? 0),
      0,
    );
    for (const id of toolCallIds) {
      const key = `${caller}\u0000${id}`;
      this.forget(key);
      this.entries.set(key, { blocks, at, bytes });
      this.bytes += bytes;
    }
    while (this.entries.size > this.maxEntries || (this.bytes > this.maxBytes && this.entries.size > 0)) {
      this.forget(this.entries.keys().next().value as string);
    }
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
  }

  recall(caller: string, toolCallId: string): ReasoningPart[] | undefined {
    const key = `${caller}\u0000${toolCallId}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.forget(key);
      return undefined;
    }
    return entry.blocks;
  }

  /** Puts remembered signed reasoning back in front of every assistant turn whose tool calls it belongs to. */
  restore(call: ModelCall, caller: string): void {
    for (const message of call.messages) {
      if (message.role !== 'assistant') continue;
      const firstCall = message.content.find((part) => part.type === 'tool-call');
      if (firstCall?.type !== 'tool-call') continue;
      const blocks = this.recall(caller, firstCall.id);
      if (!blocks) continue;
      message.content = [...blocks, ...message.content.filter((part) => part.type !== 'reasoning')];
    }
  }
}

/** Collects the signed reasoning blocks and tool call ids of one streamed turn. */
export class TurnRecorder {
  private readonly blocks: ReasoningPart[] = [];
  private readonly toolCallIds: string[] = [];
  private text: string[] = [];

  readonly see = (event: CallEvent): void => {
    switch (event.type) {
      case 'reasoning':
        this.text.push(event.text);
        return;
      case 'reasoning-end': {
        // Only signed or redacted blocks can be handed back to the model; plain ones are dropped.
        if (event.signature !== undefined || event.redactedData !== undefined) {
          const block: ReasoningPart = { type: 'reasoning', text: this.text.join('') };
          if (event.signature !== undefined) block.signature = event.signature;
          if (event.redactedData !== undefined) block.redactedData = event.redactedData;
          this.blocks.push(block);
        }
        this.text = [];
        return;
      }
      case 'tool-call-start':
        this.toolCallIds.push(event.id);
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
