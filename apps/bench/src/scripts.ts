// The emulator scripts the benchmarks replay: exact event lists, so every consumer sees the same response.
import type { BedrockEvent } from '@outcrop/bedrock-emulator';

export const STREAM_EVENTS = 20_000;
export const TOOL_INPUT_BYTES = 1_000_000;
export const TOOL_INPUT_DELTAS = 1_000;
export const BENCH_TOOL_NAME = 'record_samples';

const usage = (outputTokens: number) => ({
  metadata: {
    usage: { inputTokens: 10, outputTokens, totalTokens: outputTokens + 10 },
    metrics: { latencyMs: 1 },
  },
});

/** A text reply of exactly `total` events: messageStart, text deltas, stop events, metadata. */
export function textScript(total = STREAM_EVENTS): BedrockEvent[] {
  const events: BedrockEvent[] = [{ messageStart: { role: 'assistant' } }];
  for (let i = 0; events.length < total - 3; i++) {
    events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: `word${i % 97} ` } } });
  }
  events.push({ contentBlockStop: { contentBlockIndex: 0 } }, { messageStop: { stopReason: 'end_turn' } });
  events.push(usage(total));
  return events;
}

/** The text the text script streams (what every consumer must see, in order). */
export function textScriptReply(total = STREAM_EVENTS): string {
  return textScript(total)
    .map((e) => (e.contentBlockDelta as { delta?: { text?: string } } | undefined)?.delta?.text ?? '')
    .join('');
}

/** A deterministic JSON document of about `bytes` characters (tool arguments of realistic shape). */
export function toolInputJson(bytes = TOOL_INPUT_BYTES): string {
  const rows: unknown[] = [];
  let size = 12;
  for (let i = 0; size < bytes - 200; i++) {
    const row = {
      id: i,
      name: `sample-${i}`,
      tags: ['granite', 'basalt', i % 2 ? 'quartz' : 'mica'],
      depth: (i * 37) % 1000,
      note: 'Layered outcrop with "quoted" text, a tab\tand unicode: Äöü ✓',
    };
    rows.push(row);
    size += JSON.stringify(row).length + 1;
  }
  return JSON.stringify({ rows });
}

/** Splits text into `parts` near-equal chunks (never splitting a UTF-16 surrogate pair). */
export function splitInto(text: string, parts: number): string[] {
  const out: string[] = [];
  const step = Math.ceil(text.length / parts);
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + step);
    const code = text.charCodeAt(end - 1);
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end++;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

/** A tool call whose input (`json`) arrives in `deltas` toolUse deltas. */
export function toolScript(json = toolInputJson(), deltas = TOOL_INPUT_DELTAS): BedrockEvent[] {
  const events: BedrockEvent[] = [
    { messageStart: { role: 'assistant' } },
    {
      contentBlockStart: {
        contentBlockIndex: 0,
        start: { toolUse: { toolUseId: 'tooluse_bench1', name: BENCH_TOOL_NAME } },
      },
    },
  ];
  for (const chunk of splitInto(json, deltas)) {
    events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: chunk } } } });
  }
  events.push({ contentBlockStop: { contentBlockIndex: 0 } }, { messageStop: { stopReason: 'tool_use' } });
  events.push(usage(Math.ceil(json.length / 4)));
  return events;
}
