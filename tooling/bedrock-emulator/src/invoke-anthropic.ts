// InvokeModel with Anthropic's Messages body on Bedrock (`anthropic_version: "bedrock-2023-05-31"`, model id in
// the path, no `model` or `stream` member): the body schema, its translation to the emulator's Converse reply
// model, and the reply as a Messages response or as the SSE events Bedrock wraps in `chunk` frames.
// Shapes: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html
import { z } from 'zod';
import type { Citation } from './citations.js';
import type { ReplyMessage } from './reply.js';
import { digest } from './reply-text.js';
import type { ContentBlock, ConverseBody } from './request-body.js';

const cacheControl = z.strictObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() });
const cached = { cache_control: cacheControl.optional() };

const textBlock = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  citations: z.array(z.unknown()).optional(),
  ...cached,
});
const imageBlock = z.strictObject({
  type: z.literal('image'),
  source: z.strictObject({
    type: z.literal('base64'),
    media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
    data: z.string(),
  }),
  ...cached,
});
const documentBlock = z.strictObject({
  type: z.literal('document'),
  source: z.looseObject({ type: z.enum(['base64', 'text', 'content']) }),
  title: z.string().optional(),
  context: z.string().optional(),
  citations: z.strictObject({ enabled: z.boolean() }).optional(),
  ...cached,
});
const toolUseBlock = z.strictObject({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  ...cached,
});
const toolResultBlock = z.strictObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.union([textBlock, imageBlock]))]).optional(),
  is_error: z.boolean().optional(),
  ...cached,
});
const thinkingBlock = z.strictObject({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string(),
});
const redactedBlock = z.strictObject({ type: z.literal('redacted_thinking'), data: z.string() });
const block = z.discriminatedUnion('type', [
  textBlock,
  imageBlock,
  documentBlock,
  toolUseBlock,
  toolResultBlock,
  thinkingBlock,
  redactedBlock,
]);

const tool = z.strictObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
  description: z.string().optional(),
  input_schema: z.looseObject({ type: z.literal('object') }),
  ...cached,
});

export const anthropicBodySchema = z.strictObject({
  // The documented value, and the API version @anthropic-ai/bedrock-sdk 1.x copies from its `anthropic-version`
  // header into the body (its client.js `adaptRequest`); AWS's acceptance of the latter is not verified here.
  anthropic_version: z.enum(['bedrock-2023-05-31', '2026-10-21']),
  anthropic_beta: z.array(z.string()).optional(),
  max_tokens: z.number().int().min(1),
  messages: z
    .array(
      z.strictObject({
        role: z.enum(['user', 'assistant']),
        content: z.union([z.string(), z.array(block)]),
      }),
    )
    .min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().min(0).optional(),
  stop_sequences: z.array(z.string()).optional(),
  tools: z.array(tool).optional(),
  tool_choice: z
    .strictObject({
      type: z.enum(['auto', 'any', 'tool', 'none']),
      name: z.string().optional(),
      disable_parallel_tool_use: z.boolean().optional(),
    })
    .optional(),
  thinking: z
    .union([
      z.strictObject({ type: z.literal('enabled'), budget_tokens: z.number().int().min(1024) }),
      z.strictObject({ type: z.literal('adaptive') }),
      z.strictObject({ type: z.literal('disabled') }),
    ])
    .optional(),
  metadata: z.strictObject({ user_id: z.string().optional() }).optional(),
});

export type AnthropicBody = z.infer<typeof anthropicBodySchema>;
type Block = z.infer<typeof block>;

const cachePoint = (control: unknown): ContentBlock[] =>
  control
    ? [
        {
          cachePoint: {
            type: 'default',
            ...((control as { ttl?: string }).ttl ? { ttl: (control as { ttl: string }).ttl } : {}),
          },
        },
      ]
    : [];

function converseBlock(b: Block): ContentBlock[] {
  switch (b.type) {
    case 'text':
      return [{ text: b.text }, ...cachePoint(b.cache_control)];
    case 'image':
      return [
        { image: { format: b.source.media_type.slice(6), source: { bytes: b.source.data } } },
        ...cachePoint(b.cache_control),
      ];
    case 'document':
      return [{ document: converseDocument(b) }, ...cachePoint(b.cache_control)];
    case 'tool_use':
      return [{ toolUse: { toolUseId: b.id, name: b.name, input: b.input } }, ...cachePoint(b.cache_control)];
    case 'tool_result': {
      const content =
        typeof b.content === 'string'
          ? [{ text: b.content }]
          : (b.content ?? []).map((item) =>
              item.type === 'text' ? { text: item.text } : { image: item.source },
            );
      return [
        { toolResult: { toolUseId: b.tool_use_id, content, status: b.is_error ? 'error' : 'success' } },
        ...cachePoint(b.cache_control),
      ];
    }
    case 'thinking':
      return [{ reasoningContent: { reasoningText: { text: b.thinking, signature: b.signature } } }];
    case 'redacted_thinking':
      return [{ reasoningContent: { redactedContent: b.data } }];
  }
}

/** Anthropic's document source (`text` or `base64` data) as a Converse document block. */
function converseDocument(b: Extract<Block, { type: 'document' }>): Record<string, unknown> {
  const source = b.source as { type: string; media_type?: string; data?: string; content?: unknown };
  const converseSource =
    source.type === 'text'
      ? { text: source.data ?? '' }
      : source.type === 'content'
        ? { content: source.content }
        : { bytes: source.data ?? '' };
  return {
    format: source.media_type === 'application/pdf' ? 'pdf' : 'txt',
    name: b.title ?? 'document',
    source: converseSource,
    ...(b.citations ? { citations: { enabled: b.citations.enabled } } : {}),
  };
}

/** The same request in Converse terms, so the emulator's reply model answers both APIs alike. */
export function anthropicToConverse(body: AnthropicBody): ConverseBody {
  const system =
    typeof body.system === 'string' ? [{ text: body.system }] : (body.system ?? []).flatMap(converseBlock);
  const choice = body.tool_choice;
  return {
    messages: body.messages.map((message) => ({
      role: message.role,
      content:
        typeof message.content === 'string'
          ? [{ text: message.content }]
          : message.content.flatMap(converseBlock),
    })),
    ...(system.length > 0 ? { system } : {}),
    inferenceConfig: {
      maxTokens: body.max_tokens,
      ...(body.stop_sequences ? { stopSequences: body.stop_sequences } : {}),
    },
    ...(body.tools && choice?.type !== 'none'
      ? {
          toolConfig: {
            tools: body.tools.flatMap((t) => [
              {
                toolSpec: {
                  name: t.name,
                  ...(t.description ? { description: t.description } : {}),
                  inputSchema: { json: t.input_schema },
                },
              },
              ...(t.cache_control ? [{ cachePoint: { type: 'default' } }] : []),
            ]),
            ...(choice?.type === 'any' ? { toolChoice: { any: {} } } : {}),
            ...(choice?.type === 'tool' && choice.name
              ? { toolChoice: { tool: { name: choice.name } } }
              : {}),
          },
        }
      : {}),
    ...(body.thinking && body.thinking.type !== 'disabled'
      ? { additionalModelRequestFields: { thinking: body.thinking } }
      : {}),
  };
}

const STOP: Record<string, string> = {
  content_filtered: 'refusal',
  guardrail_intervened: 'end_turn',
  malformed_model_output: 'end_turn',
  malformed_tool_use: 'end_turn',
};

export function anthropicStopReason(stopReason: string): string {
  return STOP[stopReason] ?? stopReason;
}

type AnthropicContent = Record<string, unknown>;

/** A Converse citation in Anthropic's shape (char_location / page_location). */
function anthropicCitation(citation: Citation): Record<string, unknown> {
  const [kind, where] = Object.entries(citation.location)[0] ?? [
    'documentChar',
    { documentIndex: 0, start: 0, end: 0 },
  ];
  const common = {
    cited_text: citation.sourceContent[0]?.text ?? '',
    document_index: where.documentIndex,
    document_title: citation.title,
  };
  return kind === 'documentPage'
    ? { type: 'page_location', ...common, start_page_number: where.start, end_page_number: where.end }
    : { type: 'char_location', ...common, start_char_index: where.start, end_char_index: where.end };
}

function anthropicContent(reply: ReplyMessage): AnthropicContent[] {
  return reply.blocks.map((b) => {
    switch (b.kind) {
      case 'text':
        return { type: 'text', text: b.text };
      case 'cited':
        return { type: 'text', text: b.text, citations: b.citations.map(anthropicCitation) };
      case 'reasoning':
        return { type: 'thinking', thinking: b.text, signature: b.signature };
      case 'redacted':
        return { type: 'redacted_thinking', data: b.data };
      default:
        return { type: 'tool_use', id: toolId(b.toolUseId), name: b.name, input: parseOrEmpty(b.inputJson) };
    }
  });
}

const toolId = (id: string) => `toolu_bdrk_${id.replace(/^tooluse_/, '')}`;

function parseOrEmpty(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

function usage(reply: ReplyMessage, outputTokens = reply.usage.outputTokens) {
  return {
    input_tokens: reply.usage.inputTokens,
    cache_creation_input_tokens: reply.usage.cacheWriteInputTokens ?? 0,
    cache_read_input_tokens: reply.usage.cacheReadInputTokens ?? 0,
    output_tokens: outputTokens,
  };
}

function stopSequence(reply: ReplyMessage): string | null {
  return (reply.additionalModelResponseFields?.stop_sequence as string | undefined) ?? null;
}

/** The InvokeModel response body. */
export function anthropicResponse(
  reply: ReplyMessage,
  modelId: string,
  seed: string,
): Record<string, unknown> {
  return {
    id: `msg_bdrk_${digest(seed).slice(0, 24)}`,
    type: 'message',
    role: 'assistant',
    model: modelId,
    content: anthropicContent(reply),
    stop_reason: anthropicStopReason(reply.stopReason),
    stop_sequence: stopSequence(reply),
    usage: usage(reply),
  };
}

/** The SSE events of Anthropic's streaming Messages API, in order, without `ping`. */
export function anthropicStreamEvents(
  reply: ReplyMessage,
  modelId: string,
  seed: string,
  chunks: (text: string) => string[],
): Record<string, unknown>[] {
  const message = {
    ...anthropicResponse(reply, modelId, seed),
    content: [],
    stop_reason: null,
    stop_sequence: null,
  };
  const events: Record<string, unknown>[] = [
    { type: 'message_start', message: { ...message, usage: usage(reply, 1) } },
  ];
  reply.blocks.forEach((b, index) => {
    const delta = (d: Record<string, unknown>) =>
      events.push({ type: 'content_block_delta', index, delta: d });
    switch (b.kind) {
      case 'text':
      case 'cited':
        events.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
        for (const text of chunks(b.text)) delta({ type: 'text_delta', text });
        if (b.kind === 'cited') {
          for (const citation of b.citations) {
            delta({ type: 'citations_delta', citation: anthropicCitation(citation) });
          }
        }
        break;
      case 'reasoning':
        events.push({
          type: 'content_block_start',
          index,
          content_block: { type: 'thinking', thinking: '', signature: '' },
        });
        for (const thinking of chunks(b.text)) delta({ type: 'thinking_delta', thinking });
        delta({ type: 'signature_delta', signature: b.signature });
        break;
      case 'redacted':
        events.push({
          type: 'content_block_start',
          index,
          content_block: { type: 'redacted_thinking', data: b.data },
        });
        break;
      case 'toolUse':
        events.push({
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: toolId(b.toolUseId), name: b.name, input: {} },
        });
        for (let at = 0; at < b.inputJson.length; at += 24) {
          delta({ type: 'input_json_delta', partial_json: b.inputJson.slice(at, at + 24) });
        }
        break;
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push({
    type: 'message_delta',
    delta: { stop_reason: anthropicStopReason(reply.stopReason), stop_sequence: stopSequence(reply) },
    usage: { output_tokens: reply.usage.outputTokens },
  });
  events.push({ type: 'message_stop' });
  return events;
}
