import { GatewayError } from './errors.js';
import type {
  AssistantPart,
  CallMessage,
  CallToolChoice,
  ModelCall,
  ReasoningLevel,
  UserPart,
} from './model-call.js';
import type { ChatCompletionRequest, ChatMessage, ReasoningEffort } from './openai-request.js';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=\s]+)$/i;

const REASONING_LEVELS: Record<ReasoningEffort, ReasoningLevel> = {
  none: 'off',
  minimal: 'minimal',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'max',
};

/** Maps a validated OpenAI request onto the neutral model call. Semantic problems throw located errors. */
export function toModelCall(request: ChatCompletionRequest): ModelCall {
  const system: string[] = [];
  const messages: CallMessage[] = [];
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
        for (const part of content) if (part.type === 'tool-call') toolNames.set(part.id, part.name);
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

  const call: ModelCall = { messages };
  const systemText = system.filter((s) => s.length > 0).join('\n\n');
  if (systemText) call.system = systemText;
  if (request.tools?.length) {
    call.tools = request.tools.map((t) => ({
      name: t.function.name,
      ...(t.function.description ? { description: t.function.description } : {}),
      parameters: t.function.parameters ?? { type: 'object', properties: {} },
    }));
  }
  const choice = toolChoice(request);
  if (choice !== undefined) call.toolChoice = choice;
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxTokens != null) call.maxTokens = maxTokens;
  if (request.temperature != null) call.temperature = request.temperature;
  if (request.top_p != null) call.topP = request.top_p;
  if (request.stop != null) {
    const stops = (typeof request.stop === 'string' ? [request.stop] : request.stop).filter(
      (s) => s.length > 0,
    );
    if (stops.length > 0) call.stopSequences = stops;
  }
  if (request.reasoning_effort != null) call.reasoning = REASONING_LEVELS[request.reasoning_effort];
  return call;
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

function imagePart(url: string, param: string): UserPart {
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
  const mimeType = match[1]!.toLowerCase();
  if (!IMAGE_TYPES.has(mimeType)) {
    throw new GatewayError(
      'invalid_request',
      `Image type '${mimeType}' is not supported; use image/png, image/jpeg, image/gif or image/webp.`,
      { param },
    );
  }
  return { type: 'image', mimeType, data: match[2]!.replace(/\s+/g, '') };
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
      id: call.id,
      name: call.function.name,
      input: parseArguments(call.function.arguments, `${at}.tool_calls[${j}].function.arguments`),
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

function toolChoice(request: ChatCompletionRequest): CallToolChoice | undefined {
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
  return { name };
}
