// A reply as the ordered ConverseStream events Bedrock sends, and the reverse: events folded into a Converse
// response (used when a scripted scenario meets the non-streaming API).
import type { ReplyBlock, ReplyMessage } from './reply.js';
import { arbitraryChunks, seededRandom, wordChunks } from './reply-text.js';
import type { BedrockEvent } from './scenario-schema.js';

/** [event type, payload]: the frame's `:event-type` and its JSON payload. */
export type StreamEvent = [type: string, payload: unknown];

// Real Bedrock pads every event payload with a member `p` of random length (bedrock-wire.md §1.3; the SDK
// drops it). Here its length comes from the request, so the same request streams the same bytes.
const PADDING = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function padded(events: StreamEvent[], seed: string): StreamEvent[] {
  const random = seededRandom(`${seed}\u0000p`);
  for (const event of events) {
    event[1] = { ...(event[1] as object), p: PADDING.slice(0, 1 + Math.floor(random() * PADDING.length)) };
  }
  return events;
}

export function replyEvents(reply: ReplyMessage, latencyMs: number, seed: string): StreamEvent[] {
  const random = seededRandom(seed);
  const events: StreamEvent[] = [['messageStart', { role: 'assistant' }]];
  reply.blocks.forEach((block, contentBlockIndex) => {
    const delta = (value: unknown) => events.push(['contentBlockDelta', { contentBlockIndex, delta: value }]);
    switch (block.kind) {
      case 'text':
        // Text blocks get no contentBlockStart, as on Bedrock.
        for (const text of wordChunks(block.text, random)) delta({ text });
        break;
      case 'cited':
        for (const text of wordChunks(block.text, random)) delta({ text });
        for (const citation of block.citations) delta({ citation });
        break;
      case 'reasoning':
        for (const text of wordChunks(block.text, random)) delta({ reasoningContent: { text } });
        delta({ reasoningContent: { signature: block.signature } });
        break;
      case 'redacted':
        delta({ reasoningContent: { redactedContent: block.data } });
        break;
      case 'toolUse':
        events.push([
          'contentBlockStart',
          { contentBlockIndex, start: { toolUse: { toolUseId: block.toolUseId, name: block.name } } },
        ]);
        for (const input of arbitraryChunks(block.inputJson, random)) delta({ toolUse: { input } });
        break;
    }
    events.push(['contentBlockStop', { contentBlockIndex }]);
  });
  events.push([
    'messageStop',
    {
      stopReason: reply.stopReason,
      ...(reply.additionalModelResponseFields
        ? { additionalModelResponseFields: reply.additionalModelResponseFields }
        : {}),
    },
  ]);
  events.push(['metadata', { usage: reply.usage, metrics: { latencyMs }, ...echoed(reply) }]);
  return padded(events, seed);
}

export function scriptEvents(script: BedrockEvent[]): StreamEvent[] {
  return script.map((event) => {
    const [type, payload] = Object.entries(event)[0]!;
    return [type, payload];
  });
}

function contentBlock(block: ReplyBlock): Record<string, unknown> {
  if (block.kind === 'text') return { text: block.text };
  if (block.kind === 'cited') {
    return { citationsContent: { content: [{ text: block.text }], citations: block.citations } };
  }
  if (block.kind === 'reasoning') {
    return { reasoningContent: { reasoningText: { text: block.text, signature: block.signature } } };
  }
  if (block.kind === 'redacted') return { reasoningContent: { redactedContent: block.data } };
  return { toolUse: { toolUseId: block.toolUseId, name: block.name, input: parseOrEmpty(block.inputJson) } };
}

/** The Converse (non-streaming) response body for a reply. */
export function converseResponse(reply: ReplyMessage, latencyMs: number): Record<string, unknown> {
  const content = reply.blocks.map(contentBlock);
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: reply.stopReason,
    usage: reply.usage,
    metrics: { latencyMs },
    ...(reply.additionalModelResponseFields
      ? { additionalModelResponseFields: reply.additionalModelResponseFields }
      : {}),
    ...echoed(reply),
  };
}

/** trace, performanceConfig and serviceTier, when present. */
function echoed(reply: ReplyMessage): Record<string, unknown> {
  return {
    ...(reply.trace ? { trace: reply.trace } : {}),
    ...(reply.performanceConfig ? { performanceConfig: reply.performanceConfig } : {}),
    ...(reply.serviceTier ? { serviceTier: reply.serviceTier } : {}),
  };
}

function parseOrEmpty(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

type Delta = {
  text?: string;
  reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
  toolUse?: { input?: string };
};

/** Folds scripted events into a Converse response. */
export function aggregateEvents(events: StreamEvent[], latencyMs: number): Record<string, unknown> {
  const blocks = new Map<number, Record<string, unknown>>();
  const toolInputs = new Map<number, string>();
  let stop: Record<string, unknown> = { stopReason: 'end_turn' };
  let metadata: Record<string, unknown> = {};
  for (const [type, raw] of events) {
    const payload = (raw ?? {}) as {
      contentBlockIndex?: number;
      start?: { toolUse?: object };
      delta?: Delta;
    };
    const index = payload.contentBlockIndex ?? 0;
    if (type === 'contentBlockStart' && payload.start?.toolUse) {
      blocks.set(index, { toolUse: { ...payload.start.toolUse } });
      toolInputs.set(index, '');
    } else if (type === 'contentBlockDelta' && payload.delta) {
      const delta = payload.delta;
      const block = blocks.get(index) ?? {};
      blocks.set(index, block);
      if (delta.text !== undefined) block.text = String(block.text ?? '') + delta.text;
      if (delta.toolUse?.input !== undefined)
        toolInputs.set(index, (toolInputs.get(index) ?? '') + delta.toolUse.input);
      const reasoning = delta.reasoningContent;
      if (reasoning?.redactedContent !== undefined)
        block.reasoningContent = { redactedContent: reasoning.redactedContent };
      else if (reasoning) {
        const current = (block.reasoningContent as { reasoningText?: { text: string; signature?: string } })
          ?.reasoningText;
        const next = {
          text: (current?.text ?? '') + (reasoning.text ?? ''),
          ...(current?.signature ? { signature: current.signature } : {}),
        };
        if (reasoning.signature) next.signature = reasoning.signature;
        block.reasoningContent = { reasoningText: next };
      }
    } else if (type === 'messageStop') {
      const { p: _padding, ...rest } = raw as Record<string, unknown>;
      stop = rest;
    } else if (type === 'metadata') metadata = raw as Record<string, unknown>;
  }
  for (const [index, input] of toolInputs) {
    const block = blocks.get(index) as { toolUse: Record<string, unknown> };
    block.toolUse.input = parseOrEmpty(input);
  }
  const content = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
  return {
    output: { message: { role: 'assistant', content } },
    ...stop,
    usage: metadata.usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
    metrics: metadata.metrics ?? { latencyMs },
    ...(metadata.trace ? { trace: metadata.trace } : {}),
  };
}
