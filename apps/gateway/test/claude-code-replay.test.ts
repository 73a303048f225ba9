// A Claude Code-style session replayed turn by turn through the official `@anthropic-ai/sdk`.
// The fixture (fixtures/claude-code-session.json) is a HAND-RECORDED SHAPE, NOT A CAPTURE: written from Anthropic's
// public Messages API docs and Claude Code's known requests (beta client, `anthropic-beta` flags such as
// claude-code-20250219 / interleaved-thinking / fine-grained-tool-streaming / oauth, system blocks and the last tool
// with cache_control, thinking with a budget, stream, metadata.user_id). What the model does each turn is scripted
// in the emulator; each next turn sends back the assistant's content (signed thinking, text, tool_use) and a user
// tool_result, as Claude Code does; then its small-fast-model side call (Haiku, topic detection). Counts and
// shapes only, no timing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import type { Scenario } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Gateway, startGateway } from '../src/index.js';
import { silentLogger, startTestGateway, type TestGateway } from './helpers.js';

type Block = Anthropic.Beta.BetaContentBlockParam;
type Event = Anthropic.Beta.BetaRawMessageStreamEvent;
type Turn = { role: 'user' | 'assistant'; content: Block[] };

interface Session {
  headers: Record<string, string>;
  betas: string[];
  request: Omit<Anthropic.Beta.MessageCreateParamsStreaming, 'messages'>;
  firstUserContent: Block[];
  turns: { model: Scenario; toolResult?: string }[];
  /** Claude Code's side call to its small fast model (topic detection), between the main turns. */
  smallModelCall: Anthropic.Beta.MessageCreateParamsStreaming;
  smallModelReply: string;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const session = JSON.parse(
  readFileSync(join(here, 'fixtures', 'claude-code-session.json'), 'utf8'),
) as Session;
const TOKEN = 'sk-gw-claude-code-replay-0123456789';
// Flags Bedrock's Converse cannot take for this call: Anthropic-API-only ones, and one the gateway does not relay.
const DROPPED = ['claude-code-20250219', 'fine-grained-tool-streaming-2025-05-14', 'oauth-2025-04-20'];

let t: TestGateway;
let second: Gateway;

beforeAll(async () => {
  t = await startTestGateway({ gateway: { auth: { tokens: [TOKEN] } } });
  // A second gateway on the same config and Bedrock: turns alternate between the two, so a turn can only work
  // if everything it needs (the signed thinking above all) comes back in the request.
  second = await startGateway({
    configPath: t.configPath,
    host: '127.0.0.1',
    port: 0,
    env: { ...t.emulator.env(), HOME: t.dir, AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir: t.dir,
    emulator: 'never',
    logger: silentLogger(),
    watchConfig: false,
  });
});

afterAll(async () => {
  await second?.close({ drainTimeoutMs: 0 });
  await t?.stop();
});

/** Claude Code marks the last block of the newest message for caching, and only that one among the turns. */
function markNewest(messages: Turn[]): Turn[] {
  return messages.map((message, i) =>
    i !== messages.length - 1
      ? message
      : {
          ...message,
          content: message.content.map((block, j) =>
            j === message.content.length - 1
              ? ({ ...block, cache_control: { type: 'ephemeral' } } as Block)
              : block,
          ),
        },
  );
}

/**
 * Checks the stream is one message of whole blocks, each opened, filled with deltas of its own kind and closed in
 * order (thinking ending in a signature), then message_delta and message_stop; returns the blocks' kinds.
 */
function blockKinds(events: Event[]): string[] {
  const types = events.map((e) => e.type).filter((type) => (type as string) !== 'ping');
  expect(types[0]).toBe('message_start');
  expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
  expect(types.filter((type) => type === 'message_start' || type === 'message_delta')).toHaveLength(2);
  const kinds: string[] = [];
  let open: { index: number; kind: string; deltas: string[] } | undefined;
  const deltaFor: Record<string, string[]> = {
    thinking: ['thinking_delta', 'signature_delta'],
    text: ['text_delta'],
    tool_use: ['input_json_delta'],
  };
  for (const event of events) {
    if (event.type === 'content_block_start') {
      expect(open).toBeUndefined();
      expect(event.index).toBe(kinds.length);
      open = { index: event.index, kind: event.content_block.type, deltas: [] };
      kinds.push(event.content_block.type);
    } else if (event.type === 'content_block_delta') {
      expect(event.index).toBe(open?.index);
      expect(deltaFor[open!.kind]).toContain(event.delta.type);
      open!.deltas.push(event.delta.type);
    } else if (event.type === 'content_block_stop') {
      expect(event.index).toBe(open?.index);
      expect(open!.deltas.length).toBeGreaterThan(0);
      if (open!.kind === 'thinking') {
        expect(open!.deltas[0]).toBe('thinking_delta');
        expect(open!.deltas.at(-1)).toBe('signature_delta');
      }
      open = undefined;
    } else if (event.type === 'message_delta' || event.type === 'message_stop') {
      expect(open).toBeUndefined();
    }
  }
  return kinds;
}

interface ConverseBody {
  system: Record<string, unknown>[];
  toolConfig: { tools: Record<string, unknown>[] };
  messages: { role: string; content: Record<string, unknown>[] }[];
  inferenceConfig?: { temperature?: number };
  additionalModelRequestFields?: {
    thinking?: { type: string; budget_tokens: number };
    anthropic_beta?: string[];
  };
}

describe('a Claude Code-style session replayed through the gateway', () => {
  it('streams every turn well formed, takes the signed thinking back, reads the cache and names dropped betas', async () => {
    const clients = [t.gateway, second].map(
      (gateway) =>
        new Anthropic({
          baseURL: gateway.url,
          apiKey: TOKEN,
          maxRetries: 0,
          defaultHeaders: session.headers,
        }),
    );
    const messages: Turn[] = [{ role: 'user', content: session.firstUserContent }];
    const signatures: string[] = [];
    expect(session.turns.length).toBeGreaterThanOrEqual(6);

    for (const [turn, step] of session.turns.entries()) {
      const converseBefore = t.emulator.journal
        .entries()
        .filter((e) => e.operation === 'ConverseStream').length;
      t.emulator.scenarios.push(step.model);
      const stream = clients[turn % 2]!.beta.messages.stream({
        ...session.request,
        betas: session.betas,
        messages: markNewest(messages),
      });
      const events: Event[] = [];
      stream.on('streamEvent', (event) => events.push(event));
      const [{ response }, message] = await Promise.all([stream.withResponse(), stream.finalMessage()]);

      // The stream, block by block.
      const kinds = blockKinds(events);
      const calls = step.model.toolCall !== undefined;
      expect(kinds[0], `turn ${turn}`).toBe('thinking');
      expect(kinds.at(-1), `turn ${turn}`).toBe(calls ? 'tool_use' : 'text');
      expect(message.stop_reason, `turn ${turn}`).toBe(calls ? 'tool_use' : 'end_turn');
      const delta = events.find((e) => e.type === 'message_delta');
      expect(delta?.type === 'message_delta' && delta.delta.stop_reason).toBe(message.stop_reason);
      expect(delta?.type === 'message_delta' && delta.usage.output_tokens).toBeGreaterThan(0);
      expect(message.model).toBe(session.request.model);

      // Prompt caching: the first turn writes tools + system, every later one reads at least that prefix back.
      if (turn === 0) expect(message.usage.cache_creation_input_tokens, 'turn 0').toBeGreaterThan(0);
      else expect(message.usage.cache_read_input_tokens, `turn ${turn}`).toBeGreaterThan(0);

      // Betas Bedrock cannot take here are named; interleaved thinking is what the gateway asks Bedrock for.
      const warnings = response.headers.get('x-outcrop-warnings') ?? '';
      for (const flag of DROPPED) expect(warnings).toContain(`dropped(anthropic-beta.${flag})`);
      expect(warnings).not.toContain('interleaved-thinking');
      // Claude Code's temperature 1 is the one value thinking allows: kept, not warned about.
      expect(warnings).not.toContain('temperature');

      // One Converse call per turn, carrying cache points, the thinking config and every replayed signature.
      const converse = t.emulator.journal.entries().filter((e) => e.operation === 'ConverseStream');
      expect(converse).toHaveLength(converseBefore + 1);
      const entry = converse.at(-1)!;
      expect(entry.status).toBe(200);
      expect(entry.modelId).toContain('anthropic.claude-sonnet-4-5-20250929');
      const body = entry.body as ConverseBody;
      const points = (blocks: Record<string, unknown>[]) => blocks.filter((b) => 'cachePoint' in b).length;
      expect(points(body.system)).toBeGreaterThanOrEqual(1);
      expect(points(body.toolConfig.tools)).toBe(1);
      expect('cachePoint' in body.toolConfig.tools.at(-1)!).toBe(true);
      const allPoints =
        points(body.system) +
        points(body.toolConfig.tools) +
        body.messages.reduce((n, m) => n + points(m.content), 0);
      expect(allPoints).toBeLessThanOrEqual(4);
      expect(body.toolConfig.tools.filter((tool) => 'toolSpec' in tool)).toHaveLength(
        session.request.tools!.length,
      );
      expect(body.inferenceConfig?.temperature).toBe(1);
      const fields = body.additionalModelRequestFields;
      expect(fields?.thinking?.type).toBe('enabled');
      const asked = session.request.thinking?.type === 'enabled' ? session.request.thinking.budget_tokens : 0;
      expect(fields?.thinking?.budget_tokens).toBeGreaterThanOrEqual(asked);
      expect(fields?.anthropic_beta).toContain('interleaved-thinking-2025-05-14');
      const assistants = body.messages.filter((m) => m.role === 'assistant');
      expect(assistants).toHaveLength(turn);
      // Bedrock wants each replayed assistant turn to open with its signed reasoning, signature unchanged.
      expect(
        assistants.map(
          (m) =>
            (m.content[0] as { reasoningContent?: { reasoningText?: { signature?: string } } })
              .reasoningContent?.reasoningText?.signature,
        ),
      ).toEqual(signatures);

      // The next turn: the assistant's content as it came, then the tool result, as Claude Code sends them.
      const thinking = message.content[0];
      expect(thinking?.type === 'thinking' && thinking.signature.length).toBeGreaterThan(0);
      signatures.push(thinking?.type === 'thinking' ? thinking.signature : '');
      if (!calls) break;
      const call = message.content.find((b) => b.type === 'tool_use');
      expect(call?.type === 'tool_use' && call.name).toBe(step.model.toolCall?.name);
      expect(call?.type === 'tool_use' && call.input).toEqual(step.model.toolCall?.input);
      messages.push({ role: 'assistant', content: message.content as Block[] });
      messages.push({
        role: 'user',
        content: [
          {
            type: 'tool_result',
            tool_use_id: call?.type === 'tool_use' ? call.id : '',
            content: step.toolResult ?? '',
          },
        ],
      });
    }
    expect(signatures).toHaveLength(session.turns.length);
  });

  it("answers the small fast model's side call, where interleaved thinking is named as dropped", async () => {
    const client = new Anthropic({
      baseURL: t.gateway.url,
      apiKey: TOKEN,
      maxRetries: 0,
      defaultHeaders: session.headers,
    });
    t.emulator.scenarios.push({ reply: session.smallModelReply });
    const stream = client.beta.messages.stream({ ...session.smallModelCall, betas: session.betas });
    const events: Event[] = [];
    stream.on('streamEvent', (event) => events.push(event));
    const [{ response }, message] = await Promise.all([stream.withResponse(), stream.finalMessage()]);
    expect(blockKinds(events)).toEqual(['text']);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.model).toBe(session.smallModelCall.model);
    expect(JSON.parse(message.content[0]?.type === 'text' ? message.content[0].text : '')).toEqual(
      JSON.parse(session.smallModelReply),
    );
    // No thinking and no tools here: Bedrock is not asked for interleaved thinking, so the flag is dropped.
    const warnings = response.headers.get('x-outcrop-warnings') ?? '';
    for (const flag of session.betas) expect(warnings).toContain(`dropped(anthropic-beta.${flag})`);
    const entry = t.emulator.journal
      .entries()
      .filter((e) => e.operation === 'ConverseStream')
      .at(-1)!;
    expect(entry.modelId).toContain('anthropic.claude-haiku-4-5-20251001');
    expect((entry.body as ConverseBody).additionalModelRequestFields?.thinking).toBeUndefined();
  });
});
