import { z } from 'zod';
import { GatewayError } from './errors.js';

/**
 * The OpenAI Chat Completions request, as far as the gateway serves it. Unknown top-level fields are accepted and
 * ignored (clients send `user`, `seed`, `metadata`...), but a field we read must be well-formed.
 */

const textPart = z.object({ type: z.literal('text'), text: z.string() });
const imagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string(), detail: z.enum(['auto', 'low', 'high']).optional() }),
});
const filePart = z.object({
  type: z.literal('file'),
  file: z.object({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
});
const refusalPart = z.object({ type: z.literal('refusal'), refusal: z.string() });

const toolCall = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const systemMessage = z.object({
  role: z.enum(['system', 'developer']),
  content: z.union([z.string(), z.array(textPart)]),
  name: z.string().optional(),
});
const userMessage = z.object({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textPart, imagePart, filePart]))]),
  name: z.string().optional(),
});
const assistantMessage = z.object({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(z.discriminatedUnion('type', [textPart, refusalPart]))]).nullish(),
  reasoning_content: z.string().nullish(),
  tool_calls: z.array(toolCall).nullish(),
  refusal: z.string().nullish(),
  name: z.string().optional(),
});
const toolMessage = z.object({
  role: z.literal('tool'),
  tool_call_id: z.string().min(1),
  content: z.union([z.string(), z.array(textPart)]),
});

const message = z.discriminatedUnion('role', [systemMessage, userMessage, assistantMessage, toolMessage]);

const functionTool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, underscores or dashes'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }),
]);

export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;

export const chatCompletionRequestSchema = z.looseObject({
  // Bounded: an unknown name is matched against every model by edit distance.
  model: z.string().min(1).max(512),
  messages: z.array(message).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  tools: z.array(functionTool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning_effort: z.enum(REASONING_EFFORTS).nullish(),
  n: z.number().int().nullish(),
  response_format: z
    .looseObject({
      type: z.string(),
      json_schema: z
        .looseObject({
          name: z.string().optional(),
          description: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
        })
        .optional(),
    })
    .nullish(),
  service_tier: z.string().nullish(),
});

/** Top-level fields the mapping reads (or that only shape the HTTP reply); others are named as ignored. */
export const READ_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stop',
  'tools',
  'tool_choice',
  'reasoning_effort',
  'n',
  'response_format',
  'service_tier',
  'user',
]);

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatMessage = z.infer<typeof message>;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Validates a parsed JSON body; the first issue becomes an OpenAI-style error naming its parameter. */
export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  const request = parseOpenAIBody(chatCompletionRequestSchema, body);
  if (request.n != null && request.n !== 1) {
    throw new GatewayError('unsupported_parameter', 'Only n=1 is supported.', { param: 'n' });
  }
  const format = request.response_format;
  if (format && !['text', 'json_object', 'json_schema'].includes(format.type)) {
    throw new GatewayError(
      'unsupported_parameter',
      `response_format '${format.type}' is not supported; use text, json_object or json_schema.`,
      { param: 'response_format.type' },
    );
  }
  if (format?.type === 'json_schema' && !format.json_schema?.schema) {
    throw new GatewayError('invalid_request', 'response_format.json_schema.schema is required.', {
      param: 'response_format.json_schema.schema',
    });
  }
  return request;
}

/**
 * Validates a parsed JSON body against an OpenAI dialect's schema (Chat Completions, Responses, Embeddings): the
 * first issue becomes an `invalid_request` naming its parameter the way OpenAI does (`Invalid value for '...'`).
 */
export function parseOpenAIBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const param = formatParam(issue.path);
  throw new GatewayError('invalid_request', `Invalid value for '${param || 'body'}': ${issue.message}`, {
    param: param || null,
  });
}

/** `['messages', 2, 'content']` -> `messages[2].content`, the form OpenAI uses in `param`. */
export function formatParam(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
