import type { AssistantMessage, CallOptions, Context, Message, UserMessage } from '@outcrop/provider';
import { z } from 'zod';
import { GatewayError } from '../errors.js';
import { parseOpenAIBody, REASONING_EFFORTS } from '../openai-request.js';
import { imagePart, REASONING_LEVELS, toProviderCall } from '../openai-request-mapping.js';
import { openReasoning } from './reasoning-token.js';

/**
 * OpenAI's Responses request (https://platform.openai.com/docs/api-reference/responses/create), as far as the
 * gateway serves it. Nothing is stored: every turn arrives whole, reasoning included as `encrypted_content`.
 */

const contentPart = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  image_url: z.string().optional(),
  file_data: z.string().optional(),
  filename: z.string().optional(),
});
const messageItem = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(contentPart)]),
});
const functionCallItem = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
});
const functionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(contentPart)]),
});
const reasoningItem = z.looseObject({
  type: z.literal('reasoning'),
  summary: z.array(z.looseObject({ text: z.string() })).optional(),
  encrypted_content: z.string().nullish(),
});
const inputItem = z.union([functionCallItem, functionCallOutputItem, reasoningItem, messageItem]);

const functionTool = z.looseObject({
  type: z.string(),
  name: z.string().min(1).optional(),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
});

export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(inputItem)]),
  instructions: z.string().nullish(),
  stream: z.boolean().nullish(),
  max_output_tokens: z.number().int().min(1).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  tools: z.array(functionTool).nullish(),
  tool_choice: z
    .union([
      z.enum(['auto', 'none', 'required']),
      z.looseObject({ type: z.literal('function'), name: z.string() }),
    ])
    .nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(REASONING_EFFORTS).nullish(),
      summary: z.string().nullish(),
    })
    .nullish(),
  text: z
    .looseObject({
      format: z
        .looseObject({
          type: z.enum(['text', 'json_schema', 'json_object']),
          name: z.string().optional(),
          schema: z.record(z.string(), z.unknown()).optional(),
          description: z.string().optional(),
        })
        .optional(),
    })
    .nullish(),
  previous_response_id: z.string().nullish(),
  store: z.boolean().nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  user: z.string().nullish(),
});
export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;

const READ = new Set([
  'model',
  'input',
  'instructions',
  'stream',
  'max_output_tokens',
  'temperature',
  'top_p',
  'tools',
  'tool_choice',
  'reasoning',
  'text',
  'previous_response_id',
  'store',
  'include',
  'metadata',
  'user',
]);

export interface ResponsesCall {
  context: Context;
  options: Omit<CallOptions, 'signal'>;
  ignored: string[];
}

export function parseResponsesRequest(body: unknown): ResponsesRequest {
  const request = parseOpenAIBody(responsesRequestSchema, body);
  if (request.previous_response_id) {
    throw new GatewayError(
      'unsupported_parameter',
      'previous_response_id needs a response store, which this gateway does not keep; send the whole conversation in input (with reasoning items and their encrypted_content).',
      { param: 'previous_response_id' },
    );
  }
  return request;
}

/** Maps a validated Responses request onto the provider's context and options. */
export function toResponsesCall(request: ResponsesRequest): ResponsesCall {
  const ignored: string[] = [];
  const system: string[] = request.instructions ? [request.instructions] : [];
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  // Consecutive reasoning, assistant text and function calls form one assistant turn.
  let assistant: AssistantMessage | undefined;
  const assistantTurn = (): AssistantMessage => {
    if (!assistant) {
      assistant = { role: 'assistant', content: [] };
      messages.push(assistant);
    }
    return assistant;
  };
  const items =
    typeof request.input === 'string' ? [{ role: 'user' as const, content: request.input }] : request.input;
  items.forEach((item, i) => {
    const at = `input[${i}]`;
    if ('type' in item && item.type === 'function_call') {
      const call = item as z.infer<typeof functionCallItem>;
      toolNames.set(call.call_id, call.name);
      assistantTurn().content.push({
        type: 'tool-call',
        toolCallId: call.call_id,
        toolName: call.name,
        arguments: parseArguments(call.arguments, `${at}.arguments`),
      });
      return;
    }
    if ('type' in item && item.type === 'reasoning') {
      const reasoning = item as z.infer<typeof reasoningItem>;
      if (reasoning.encrypted_content) {
        assistantTurn().content.push(openReasoning(reasoning.encrypted_content, `${at}.encrypted_content`));
      }
      return;
    }
    if ('type' in item && item.type === 'function_call_output') {
      const output = item as z.infer<typeof functionCallOutputItem>;
      const toolName = toolNames.get(output.call_id);
      if (toolName === undefined) {
        throw new GatewayError(
          'invalid_request',
          `${at}: function_call_output answers call_id '${output.call_id}', which no earlier function_call has.`,
          { param: `${at}.call_id` },
        );
      }
      assistant = undefined;
      const text =
        typeof output.output === 'string' ? output.output : output.output.map((p) => p.text ?? '').join('');
      messages.push({ role: 'tool', toolCallId: output.call_id, toolName, content: text });
      return;
    }
    const message = item as z.infer<typeof messageItem>;
    if (message.role === 'system' || message.role === 'developer') {
      system.push(textOf(message.content));
      return;
    }
    if (message.role === 'assistant') {
      const text = textOf(message.content);
      if (text) assistantTurn().content.push({ type: 'text', text });
      return;
    }
    assistant = undefined;
    messages.push({ role: 'user', content: userContent(message.content, `${at}.content`) });
  });

  // Tools, tool choice and the sampling settings map as Chat Completions maps them: one mapping, reused.
  const tools = (request.tools ?? []).map((tool, i) => {
    if (tool.type !== 'function' || !tool.name) {
      throw new GatewayError(
        'unsupported_parameter',
        `tools[${i}]: only function tools are served; '${tool.type}' is a hosted OpenAI tool.`,
        { param: `tools[${i}].type` },
      );
    }
    return {
      type: 'function' as const,
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        ...(tool.parameters ? { parameters: tool.parameters } : {}),
      },
    };
  });
  const choice = request.tool_choice;
  const shared = toProviderCall({
    model: request.model,
    messages: [{ role: 'user', content: 'x' }],
    ...(tools.length ? { tools } : {}),
    ...(choice
      ? {
          tool_choice:
            typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } },
        }
      : {}),
    ...(request.max_output_tokens != null ? { max_tokens: request.max_output_tokens } : {}),
    ...(request.temperature != null ? { temperature: request.temperature } : {}),
    ...(request.top_p != null ? { top_p: request.top_p } : {}),
  });
  const context: Context = { messages };
  if (shared.context.tools) context.tools = shared.context.tools;
  const nonBlank = system.filter((s) => s.trim() !== '');
  if (nonBlank.length > 0) context.system = nonBlank;
  const options: ResponsesCall['options'] = { ...shared.options };
  const effort = request.reasoning?.effort;
  if (effort) options.reasoning = REASONING_LEVELS[effort];
  const format = request.text?.format;
  if (format?.type === 'json_schema') {
    if (!format.schema) {
      throw new GatewayError('invalid_request', 'text.format.schema is required for json_schema.', {
        param: 'text.format.schema',
      });
    }
    options.responseFormat = {
      type: 'json',
      schema: format.schema,
      ...(format.name ? { name: format.name } : {}),
      ...(format.description ? { description: format.description } : {}),
    };
  } else if (format?.type === 'json_object') {
    options.responseFormat = { type: 'json', schema: { type: 'object' } };
  }
  if (request.store === true) ignored.push('ignored(store)');
  if (request.parallel_tool_calls === false) ignored.push('ignored(parallel_tool_calls)');
  for (const key of Object.keys(request)) if (!READ.has(key)) ignored.push(`ignored(${key})`);
  if (messages.length === 0) {
    throw new GatewayError('invalid_request', 'input must contain at least one message.', { param: 'input' });
  }
  return { context, options, ignored };
}

function textOf(content: string | z.infer<typeof contentPart>[]): string {
  return typeof content === 'string' ? content : content.map((p) => p.text ?? '').join('');
}

function userContent(content: string | z.infer<typeof contentPart>[], at: string): UserMessage['content'] {
  if (typeof content === 'string') return content;
  return content.map((part, j) => {
    const param = `${at}[${j}]`;
    if (part.type === 'input_text' && part.text !== undefined)
      return { type: 'text' as const, text: part.text };
    if (part.type === 'input_image' && part.image_url) {
      return imagePart(part.image_url, `${param}.image_url`);
    }
    if (part.type === 'input_file' && part.file_data) {
      const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,(.+)$/i.exec(part.file_data);
      if (!match) {
        throw new GatewayError('invalid_request', `${param}.file_data must be a base64 data URL.`, {
          param: `${param}.file_data`,
        });
      }
      return {
        type: 'document' as const,
        mediaType: match[1]!.toLowerCase(),
        data: match[2]!,
        ...(part.filename ? { name: part.filename } : {}),
      };
    }
    throw new GatewayError('invalid_request', `${param}: part type '${part.type}' is not supported here.`, {
      param: `${param}.type`,
    });
  });
}

function parseArguments(text: string, param: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('invalid_request', 'Function call arguments must be a JSON object.', { param });
  }
}
