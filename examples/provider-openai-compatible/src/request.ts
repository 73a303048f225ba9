// Context + call options -> an OpenAI chat completions request body.
import { type CallOptions, type Context, type Message, ProviderError } from '@outcrop/provider';
import type { ChatProviderOptions } from './provider-options.js';

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: true;
  stream_options: { include_usage: true };
  tools?: Array<{ type: 'function'; function: { name: string; description?: string; parameters: unknown } }>;
  tool_choice?: 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  reasoning_effort?: 'low' | 'medium' | 'high';
  user?: string;
  seed?: number;
  [extra: string]: unknown;
}

type ChatContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | ChatContentPart[] }
  | {
      role: 'assistant';
      content: string | null;
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    }
  | { role: 'tool'; tool_call_id: string; content: string };

const EFFORT = { minimal: 'low', low: 'low', medium: 'medium', high: 'high', max: 'high' } as const;

export function toChatRequest(
  modelId: string,
  context: Context,
  options: CallOptions,
  extras: ChatProviderOptions = {},
): ChatRequest {
  if (!context || !Array.isArray(context.messages)) {
    throw new ProviderError('validation', 'context.messages must be an array.', {
      location: 'context.messages',
    });
  }
  const system = [context.system ?? []].flat().filter((text) => text.trim());
  const request: ChatRequest = {
    model: modelId,
    messages: [
      ...system.map((content) => ({ role: 'system' as const, content })),
      ...context.messages.map(toChatMessage),
    ],
    stream: true,
    stream_options: { include_usage: true },
  };
  if (context.tools?.length) {
    request.tools = context.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.parameters,
      },
    }));
    const choice = options.toolChoice ?? 'auto';
    request.tool_choice =
      typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.toolName } };
  }
  if (options.maxTokens !== undefined) request.max_tokens = options.maxTokens;
  if (options.temperature !== undefined) request.temperature = options.temperature;
  if (options.topP !== undefined) request.top_p = options.topP;
  if (options.stopSequences?.length) request.stop = options.stopSequences;
  if (options.reasoning && options.reasoning !== 'off') request.reasoning_effort = EFFORT[options.reasoning];
  if (extras.user) request.user = extras.user;
  if (extras.seed !== undefined) request.seed = extras.seed;
  return { ...request, ...extras.extraBody };
}

function toChatMessage(message: Message, index: number): ChatMessage {
  switch (message.role) {
    case 'user':
      if (typeof message.content === 'string') return { role: 'user', content: message.content };
      return {
        role: 'user',
        content: message.content.map((part, p): ChatContentPart => {
          if (part.type === 'text') return { type: 'text', text: part.text };
          if (part.type === 'image')
            return { type: 'image_url', image_url: { url: dataUrl(part.data, part.mediaType) } };
          throw new ProviderError('validation', 'Documents are not supported by chat completions.', {
            location: `messages[${index}].content[${p}]`,
          });
        }),
      };
    case 'assistant': {
      // Reasoning from other providers is not replayed: chat completions has no field for it.
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      const calls = message.content.flatMap((block) =>
        block.type === 'tool-call'
          ? [
              {
                id: block.toolCallId,
                type: 'function' as const,
                function: { name: block.toolName, arguments: JSON.stringify(block.arguments ?? {}) },
              },
            ]
          : [],
      );
      return { role: 'assistant', content: text || null, ...(calls.length ? { tool_calls: calls } : {}) };
    }
    case 'tool': {
      const content =
        typeof message.content === 'string'
          ? message.content
          : message.content
              .map((part) => (part.type === 'text' ? part.text : `[${part.mediaType}]`))
              .join('\n');
      return { role: 'tool', tool_call_id: message.toolCallId, content };
    }
    default:
      throw new ProviderError('validation', `Unknown role at messages[${index}].`, {
        location: `messages[${index}]`,
      });
  }
}

function dataUrl(data: Uint8Array | string, mediaType: string): string {
  const base64 = typeof data === 'string' ? data : Buffer.from(data).toString('base64');
  return base64.startsWith('data:') ? base64 : `data:${mediaType};base64,${base64}`;
}
