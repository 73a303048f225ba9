// InvokeModel bodies of Amazon Nova (messages-v1) and Meta Llama (text prompt), translated to the emulator's
// Converse reply model, and the replies in each model's own response and stream-chunk shapes.
// Nova: https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html
// Llama: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html
import { z } from 'zod';
import type { ReplyMessage } from './reply.js';
import { replyEvents, type StreamEvent } from './reply-stream.js';
import type { ConverseBody } from './request-body.js';

const novaBlock = z.looseObject({}).refine((value) => Object.keys(value).length === 1, {
  message: 'a content block has exactly one member',
});

export const novaBodySchema = z.strictObject({
  schemaVersion: z.literal('messages-v1').optional(),
  system: z.array(z.strictObject({ text: z.string() })).optional(),
  messages: z
    .array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.array(novaBlock).min(1) }))
    .min(1),
  inferenceConfig: z
    .strictObject({
      max_new_tokens: z.number().int().min(1).optional(),
      temperature: z.number().min(0).max(1).optional(),
      top_p: z.number().min(0).max(1).optional(),
      top_k: z.number().int().min(0).optional(),
      stopSequences: z.array(z.string()).max(4).optional(),
      reasoningConfig: z.unknown().optional(),
    })
    .optional(),
  toolConfig: z.looseObject({ tools: z.array(z.unknown()) }).optional(),
});

export type NovaBody = z.infer<typeof novaBodySchema>;

export function novaToConverse(body: NovaBody): ConverseBody {
  const config = body.inferenceConfig;
  return {
    messages: body.messages as ConverseBody['messages'],
    ...(body.system ? { system: body.system } : {}),
    inferenceConfig: {
      ...(config?.max_new_tokens ? { maxTokens: config.max_new_tokens } : {}),
      ...(config?.stopSequences ? { stopSequences: config.stopSequences } : {}),
    },
    ...(body.toolConfig ? { toolConfig: body.toolConfig as ConverseBody['toolConfig'] } : {}),
  };
}

function novaUsage(reply: ReplyMessage) {
  return {
    inputTokens: reply.usage.inputTokens,
    outputTokens: reply.usage.outputTokens,
    totalTokens: reply.usage.totalTokens,
    cacheReadInputTokenCount: reply.usage.cacheReadInputTokens ?? 0,
    cacheWriteInputTokenCount: reply.usage.cacheWriteInputTokens ?? 0,
  };
}

export function novaResponse(
  converse: Record<string, unknown>,
  reply: ReplyMessage,
): Record<string, unknown> {
  return { output: converse.output, stopReason: reply.stopReason, usage: novaUsage(reply) };
}

/** Nova's stream chunks are Converse stream events keyed by their type; the last one is `metadata`. */
export function novaStreamChunks(reply: ReplyMessage, seed: string): Record<string, unknown>[] {
  return replyEvents(reply, 1, seed).map(([type, payload]: StreamEvent) =>
    type === 'metadata'
      ? { metadata: { usage: novaUsage(reply), metrics: {}, trace: {} } }
      : { [type]: payload },
  );
}

export const llamaBodySchema = z.strictObject({
  prompt: z.string(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  max_gen_len: z.number().int().min(1).max(2048).optional(),
  images: z.array(z.string()).optional(),
});

export type LlamaBody = z.infer<typeof llamaBodySchema>;

/** The last user turn of a Llama 3 chat template (or a Llama 2 `[INST]` prompt, or the raw prompt). */
export function llamaUserText(prompt: string): string {
  const llama3 = [
    ...prompt.matchAll(/<\|start_header_id\|>user<\|end_header_id\|>([\s\S]*?)(<\|eot_id\|>|$)/g),
  ];
  if (llama3.length > 0) return llama3.at(-1)![1]!.trim();
  const llama2 = [...prompt.matchAll(/\[INST\]([\s\S]*?)\[\/INST\]/g)];
  if (llama2.length > 0)
    return llama2
      .at(-1)![1]!
      .replace(/<<SYS>>[\s\S]*?<<\/SYS>>/, '')
      .trim();
  return prompt.trim();
}

export function llamaToConverse(body: LlamaBody): ConverseBody {
  return {
    messages: [{ role: 'user', content: [{ text: llamaUserText(body.prompt) }] }],
    inferenceConfig: { maxTokens: body.max_gen_len ?? 512 },
  };
}

const llamaStop = (reply: ReplyMessage) => (reply.stopReason === 'max_tokens' ? 'length' : 'stop');

function llamaText(reply: ReplyMessage): string {
  return reply.blocks.map((b) => (b.kind === 'text' || b.kind === 'cited' ? b.text : '')).join('');
}

export function llamaResponse(reply: ReplyMessage): Record<string, unknown> {
  return {
    generation: llamaText(reply),
    prompt_token_count: reply.usage.inputTokens,
    generation_token_count: reply.usage.outputTokens,
    stop_reason: llamaStop(reply),
  };
}

/** One chunk per text piece; the prompt count only on the first, the stop reason only on the last. */
export function llamaStreamChunks(reply: ReplyMessage, pieces: string[]): Record<string, unknown>[] {
  const parts = pieces.length > 0 ? pieces : [''];
  let generated = 0;
  return parts.map((generation, index) => {
    generated += Math.ceil(generation.length / 4);
    const last = index === parts.length - 1;
    return {
      generation,
      prompt_token_count: index === 0 ? reply.usage.inputTokens : null,
      generation_token_count: last ? reply.usage.outputTokens : generated,
      stop_reason: last ? llamaStop(reply) : null,
    };
  });
}

export { llamaText };
