import type {
  AssistantMessage,
  CallOptions,
  Context,
  DocumentContent,
  ImageContent,
  Message,
  ModelSpec,
  ReasoningLevel,
  TextContent,
  ToolChoice,
} from '@outcrop/provider';
import { GatewayError } from './errors.js';
import {
  type ChatCompletionRequest,
  type ChatMessage,
  READ_FIELDS,
  type ReasoningEffort,
} from './openai-request.js';

type UserPart = TextContent | ImageContent | DocumentContent;
type AssistantPart = AssistantMessage['content'][number];

/** One OpenAI request in the provider's terms: the conversation and the call settings (no signal yet). */
export interface ProviderCall {
  context: Context;
  options: Omit<CallOptions, 'signal'>;
}

const IMAGE_TYPES: ReadonlySet<string> = new Set<ImageContent['mediaType']>([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);
const isImageType = (type: string): type is ImageContent['mediaType'] => IMAGE_TYPES.has(type);
const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]+)$/i;

/** OpenAI's reasoning efforts (Chat Completions `reasoning_effort`, Responses `reasoning.effort`) as provider levels. */
export const REASONING_LEVELS: Record<ReasoningEffort, ReasoningLevel> = {
  none: 'off',
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'max',
};

/** Maps a validated OpenAI request onto the provider's context and options. Semantic problems throw located errors. */
export function toProviderCall(request: ChatCompletionRequest): ProviderCall {
  const system: string[] = [];
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();

  request.messages.forEach((message, i) => {
    const at = `messages[${i}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(textOf(message.content));
        return;
      case 'user':
        messages.push({ role: 'user', content: userParts(message, at) });
        return;
      case 'assistant': {
        const content = assistantParts(message, at);
        for (const part of content)
          if (part.type === 'tool-call') toolNames.set(part.toolCallId, part.toolName);
        if (content.length > 0) messages.push({ role: 'assistant', content });
        return;
      }
      case 'tool': {
        const toolName = toolNames.get(message.tool_call_id);
        if (toolName === undefined) {
          throw new GatewayError(
            'invalid_request',
            `Tool message answers tool_call_id '${message.tool_call_id}', which no earlier assistant message called.`,
            { param: `${at}.tool_call_id` },
          );
        }
        messages.push({
          role: 'tool',
          toolCallId: message.tool_call_id,
          toolName,
          content: textOf(message.content),
        });
        return;
      }
    }
  });

  if (messages.length === 0) {
    throw new GatewayError('invalid_request', 'messages must contain at least one user message.', {
      param: 'messages',
    });
  }

  const context: Context = { messages };
  const options: ProviderCall['options'] = {};
  const systemText = system.filter((s) => s.length > 0).join('\n\n');
  if (systemText) context.system = systemText;
  if (request.tools?.length) {
    context.tools = request.tools.map((t) => ({
      name: t.function.name,
      ...(t.function.description ? { description: t.function.description } : {}),
      parameters: t.function.parameters ?? { type: 'object', properties: {} },
    }));
  }
  const choice = toolChoice(request);
  if (choice !== undefined) options.toolChoice = choice;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) options.maxTokens = maxTokens;
  if (request.temperature != null) options.temperature = request.temperature;
  if (request.top_p != null) options.topP = request.top_p;
  if (request.stop != null) {
    const stops = (typeof request.stop === 'string' ? [request.stop] : request.stop).filter(
      (s) => s.length > 0,
    );
    if (stops.length > 0) options.stopSequences = stops;
  }
  if (request.reasoning_effort != null) options.reasoning = REASONING_LEVELS[request.reasoning_effort];
  const format = request.response_format;
  if (format?.type === 'json_schema' && format.json_schema?.schema) {
    options.responseFormat = {
      type: 'json',
      schema: format.json_schema.schema,
      ...(format.json_schema.name ? { name: format.json_schema.name } : {}),
      ...(format.json_schema.description ? { description: format.json_schema.description } : {}),
    };
  } else if (format?.type === 'json_object') {
    options.responseFormat = { type: 'json', schema: { type: 'object' } };
  }
  const tier = request.service_tier;
  if (tier === 'default' || tier === 'flex' || tier === 'priority') options.serviceTier = tier;
  return { context, options };
}

/**
 * OpenAI caches long prompts by itself; Bedrock needs cache points, which the provider places under 'auto' only
 * where they pay (above each model's minimum, at most four). Models without caching are left alone, unwarned.
 */
export function withAutoCache<T extends { cache?: 'auto' | 'off' }>(options: T, spec: ModelSpec): T {
  return spec.capabilities?.promptCaching && options.cache === undefined
    ? { ...options, cache: 'auto' }
    : options;
}

/** Fields accepted but not honoured, as `ignored(param)` labels for `x-outcrop-warnings`. */
export function ignoredChatFields(request: ChatCompletionRequest): string[] {
  const ignored = Object.keys(request)
    .filter((key) => !READ_FIELDS.has(key) && (request as Record<string, unknown>)[key] != null)
    .filter((key) => key !== 'parallel_tool_calls')
    .map((key) => `ignored(${key})`);
  // Bedrock's Converse has no switch for parallel tool use: saying false cannot be honoured.
  if (request.parallel_tool_calls === false) ignored.push('ignored(parallel_tool_calls)');
  const tier = request.service_tier;
  if (tier != null && tier !== 'auto' && tier !== 'default' && tier !== 'flex' && tier !== 'priority')
    ignored.push('ignored(service_tier)');
  return ignored;
}

function textOf(content: string | { text: string }[]): string {
  return typeof content === 'string' ? content : content.map((p) => p.text).join('');
}

function userParts(message: Extract<ChatMessage, { role: 'user' }>, at: string): UserPart[] {
  const parts =
    typeof message.content === 'string'
      ? [{ type: 'text' as const, text: message.content }]
      : message.content.map((part, j): UserPart => {
          if (part.type === 'text') return { type: 'text', text: part.text };
          if (part.type === 'file') return filePart(part.file, `${at}.content[${j}].file`);
          return imagePart(part.image_url.url, `${at}.content[${j}].image_url.url`);
        });
  // Bedrock rejects blank text; said here, the caller learns which message, not "messages must be non-empty".
  if (parts.every((part) => part.type === 'text' && part.text.trim() === '')) {
    throw new GatewayError('invalid_request', `${at} has no content: Bedrock rejects empty user messages.`, {
      param: `${at}.content`,
    });
  }
  return parts;
}

/** A `file` part with inline data (a PDF or another document type Bedrock reads); uploaded file ids have no store. */
function filePart(
  file: { file_data?: string; file_id?: string; filename?: string },
  param: string,
): UserPart {
  const match = file.file_data === undefined ? null : DATA_URL.exec(file.file_data);
  if (!match) {
    throw new GatewayError(
      'invalid_request',
      file.file_id !== undefined
        ? 'file.file_id needs a file store, which this gateway does not keep; send file.file_data as a base64 data URL.'
        : 'file.file_data must be a base64 data URL (data:application/pdf;base64,...).',
      { param: file.file_id !== undefined ? `${param}.file_id` : `${param}.file_data` },
    );
  }
  return {
    type: 'document',
    mediaType: match[1]!.toLowerCase(),
    data: match[2]!.replace(/\s+/g, ''),
    ...(file.filename ? { name: file.filename } : {}),
  };
}

export function imagePart(url: string, param: string): UserPart {
  const match = DATA_URL.exec(url);
  if (!match) {
    // Fetching remote URLs would let any caller make the gateway reach arbitrary hosts.
    throw new GatewayError(
      'invalid_request',
      'image_url must be a base64 data URL (data:image/png;base64,...).',
      {
        param,
      },
    );
  }
  const mediaType = match[1]!.toLowerCase();
  if (!isImageType(mediaType)) {
    throw new GatewayError(
      'invalid_request',
      `Image type '${mediaType}' is not supported; use image/png, image/jpeg, image/gif or image/webp.`,
      { param },
    );
  }
  return {
    type: 'image',
    mediaType,
    data: match[2]!.replace(/\s+/g, ''),
  };
}

function assistantParts(message: Extract<ChatMessage, { role: 'assistant' }>, at: string): AssistantPart[] {
  const parts: AssistantPart[] = [];
  if (message.reasoning_content) parts.push({ type: 'reasoning', text: message.reasoning_content });
  const content = message.content;
  const text =
    typeof content === 'string'
      ? content
      : (content ?? []).map((p) => (p.type === 'text' ? p.text : p.refusal)).join('');
  if (text.length > 0) parts.push({ type: 'text', text });
  (message.tool_calls ?? []).forEach((call, j) => {
    parts.push({
      type: 'tool-call',
      toolCallId: call.id,
      toolName: call.function.name,
      arguments: parseArguments(call.function.arguments, `${at}.tool_calls[${j}].function.arguments`),
    });
  });
  return parts;
}

function parseArguments(text: string, param: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new GatewayError('invalid_request', 'Tool call arguments must be a JSON object.', { param });
  }
}

function toolChoice(request: ChatCompletionRequest): ToolChoice | undefined {
  const choice = request.tool_choice;
  if (choice == null) return undefined;
  if (typeof choice === 'string') {
    if (choice !== 'none' && !request.tools?.length) {
      throw new GatewayError('invalid_request', `tool_choice '${choice}' needs tools.`, {
        param: 'tool_choice',
      });
    }
    return choice;
  }
  const name = choice.function.name;
  if (!request.tools?.some((t) => t.function.name === name)) {
    throw new GatewayError('invalid_request', `tool_choice names '${name}', which is not in tools.`, {
      param: 'tool_choice.function.name',
    });
  }
  return { type: 'tool', toolName: name };
}
