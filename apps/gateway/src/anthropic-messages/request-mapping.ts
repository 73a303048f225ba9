import type {
  AssistantMessage,
  CallOptions,
  Context,
  DocumentContent,
  ImageContent,
  Message,
  ReasoningLevel,
  TextContent,
  ToolResultMessage,
  UserMessage,
} from '@outcrop/provider';
import { GatewayError } from '../errors.js';
import { type AnthropicContentBlock, KNOWN_FIELDS, type MessagesRequest } from './request.js';

export interface MessagesCall {
  context: Context;
  options: Omit<CallOptions, 'signal'>;
  /** Settings accepted but not honoured, as `code(param)` labels for `x-outcrop-warnings`. */
  ignored: string[];
}

type UserPart = Exclude<UserMessage['content'], string>[number];
type AssistantPart = AssistantMessage['content'][number];

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Anthropic's thinking budget as the provider's reasoning level. The provider turns a level back into Bedrock's
 * budget (THINKING_BUDGETS), so a budget maps to the smallest level that gives at least as much room, capped at max.
 */
function levelForBudget(budget: number): ReasoningLevel {
  if (budget <= 1024) return 'minimal';
  if (budget <= 2048) return 'low';
  if (budget <= 8192) return 'medium';
  if (budget <= 16_384) return 'high';
  return 'max';
}

/** Maps a validated Messages request onto the provider's context and options. */
export function toMessagesCall(request: MessagesRequest): MessagesCall {
  const ignored: string[] = [];
  let cached = false;
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();

  request.messages.forEach((msg, i) => {
    const at = `messages[${i}]`;
    const blocks: AnthropicContentBlock[] =
      typeof msg.content === 'string' ? [{ type: 'text', text: msg.content }] : msg.content;
    if (blocks.some((b) => 'cache_control' in b && b.cache_control)) cached = true;
    if (msg.role === 'assistant') {
      const content = blocks.map((block, j) => assistantPart(block, `${at}.content[${j}]`));
      for (const part of content)
        if (part.type === 'tool-call') toolNames.set(part.toolCallId, part.toolName);
      if (content.length > 0) messages.push({ role: 'assistant', content });
      return;
    }
    // A user turn may carry tool results and new content: results first, as Bedrock's tool messages.
    const parts: UserPart[] = [];
    blocks.forEach((block, j) => {
      const param = `${at}.content[${j}]`;
      if (block.type === 'tool_result') {
        messages.push(toolResult(block, toolNames, param));
        return;
      }
      parts.push(userPart(block, param));
    });
    if (parts.length > 0) messages.push({ role: 'user', content: parts });
  });
  if (messages.length === 0) {
    throw new GatewayError('invalid_request', 'messages: at least one message is required.', {
      param: 'messages',
    });
  }

  const context: Context = { messages };
  if (request.system !== undefined) {
    const system =
      typeof request.system === 'string' ? [request.system] : request.system.map((block) => block.text);
    if (typeof request.system !== 'string' && request.system.some((b) => b.cache_control)) cached = true;
    const nonBlank = system.filter((text) => text.trim() !== '');
    if (nonBlank.length > 0) context.system = nonBlank;
  }
  if (request.tools?.length) {
    context.tools = request.tools.map((tool, i) => {
      if (tool.type !== undefined && tool.type !== 'custom') {
        throw new GatewayError(
          'unsupported_parameter',
          `tools[${i}]: server tool '${tool.type}' runs only on Anthropic's API; Bedrock serves custom tools.`,
          { param: `tools[${i}].type` },
        );
      }
      if (tool.input_schema === undefined) {
        throw new GatewayError('invalid_request', `tools[${i}].input_schema: Required.`, {
          param: `tools[${i}].input_schema`,
        });
      }
      if (tool.cache_control) cached = true;
      return {
        name: tool.name,
        ...(tool.description ? { description: tool.description } : {}),
        parameters: tool.input_schema,
      };
    });
  }

  const options: MessagesCall['options'] = { maxTokens: request.max_tokens };
  // Bedrock places cache points itself under cache 'auto' (at most four, above each model's minimum); the
  // caller's cache_control marks say they want caching, and where exactly is the provider's decision.
  if (cached) options.cache = 'auto';
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.top_p !== undefined) options.topP = request.top_p;
  if (request.top_k !== undefined) ignored.push('ignored(top_k)');
  if (request.stop_sequences?.length) options.stopSequences = request.stop_sequences;
  const choice = request.tool_choice;
  if (choice !== undefined) {
    if (choice.type !== 'none' && !context.tools?.length) {
      throw new GatewayError('invalid_request', `tool_choice '${choice.type}' needs tools.`, {
        param: 'tool_choice',
      });
    }
    if (choice.type === 'tool' && !context.tools?.some((t) => t.name === choice.name)) {
      throw new GatewayError(
        'invalid_request',
        `tool_choice names '${choice.name}', which is not in tools.`,
        {
          param: 'tool_choice.name',
        },
      );
    }
    options.toolChoice =
      choice.type === 'any'
        ? 'required'
        : choice.type === 'tool'
          ? { type: 'tool', toolName: choice.name }
          : choice.type;
    // Bedrock's Converse has no switch for parallel tool use.
    if ('disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use)
      ignored.push('ignored(tool_choice.disable_parallel_tool_use)');
  }
  const thinking = request.thinking;
  if (thinking?.type === 'enabled') options.reasoning = levelForBudget(thinking.budget_tokens);
  else if (thinking?.type === 'disabled') options.reasoning = 'off';
  else if (thinking?.type === 'adaptive') options.reasoning = request.output_config?.effort ?? 'medium';
  if (request.service_tier === 'standard_only') options.serviceTier = 'default';
  for (const key of Object.keys(request)) if (!KNOWN_FIELDS.has(key)) ignored.push(`ignored(${key})`);
  return { context, options, ignored };
}

function userPart(block: AnthropicContentBlock, param: string): UserPart {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return imagePart(block, param);
    case 'document':
      return documentPart(block, param);
    default:
      throw new GatewayError(
        'invalid_request',
        `${param}: a ${block.type} block belongs in an assistant turn.`,
        {
          param: `${param}.type`,
        },
      );
  }
}

function imagePart(block: Extract<AnthropicContentBlock, { type: 'image' }>, param: string): ImageContent {
  const source = block.source;
  if (source.type !== 'base64') {
    // Fetching URLs would let any caller make the gateway reach arbitrary hosts; there is no file store.
    throw new GatewayError('unsupported_parameter', `${param}: send images as base64 sources.`, {
      param: `${param}.source.type`,
    });
  }
  if (!IMAGE_TYPES.has(source.media_type)) {
    throw new GatewayError(
      'invalid_request',
      `${param}: image type '${source.media_type}' is not supported; use image/png, image/jpeg, image/gif or image/webp.`,
      { param: `${param}.source.media_type` },
    );
  }
  return { type: 'image', mediaType: source.media_type as ImageContent['mediaType'], data: source.data };
}

function documentPart(
  block: Extract<AnthropicContentBlock, { type: 'document' }>,
  param: string,
): DocumentContent {
  const source = block.source;
  const named = {
    ...(block.title ? { name: block.title } : {}),
    ...(block.citations?.enabled ? { citations: true } : {}),
  };
  switch (source.type) {
    case 'base64':
      return { type: 'document', mediaType: source.media_type, data: source.data, ...named };
    case 'text':
      return {
        type: 'document',
        mediaType: source.media_type ?? 'text/plain',
        data: Buffer.from(source.data, 'utf8').toString('base64'),
        ...named,
      };
    case 'content': {
      const text =
        typeof source.content === 'string' ? source.content : source.content.map((b) => b.text).join('\n');
      return {
        type: 'document',
        mediaType: 'text/plain',
        data: Buffer.from(text, 'utf8').toString('base64'),
        ...named,
      };
    }
    default:
      throw new GatewayError('unsupported_parameter', `${param}: send documents as base64 or text sources.`, {
        param: `${param}.source.type`,
      });
  }
}

function assistantPart(block: AnthropicContentBlock, param: string): AssistantPart {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      // The signature the client got back proves the reasoning to Bedrock: no server memory needed.
      return {
        type: 'reasoning',
        text: block.thinking,
        ...(block.signature ? { signature: block.signature } : {}),
      };
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', redactedData: block.data };
    case 'tool_use':
      return {
        type: 'tool-call',
        toolCallId: block.id,
        toolName: block.name,
        arguments: block.input ?? {},
      };
    default:
      throw new GatewayError('invalid_request', `${param}: a ${block.type} block belongs in a user turn.`, {
        param: `${param}.type`,
      });
  }
}

function toolResult(
  block: Extract<AnthropicContentBlock, { type: 'tool_result' }>,
  toolNames: Map<string, string>,
  param: string,
): ToolResultMessage {
  const toolName = toolNames.get(block.tool_use_id);
  if (toolName === undefined) {
    throw new GatewayError(
      'invalid_request',
      `${param}: tool_result answers tool_use_id '${block.tool_use_id}', which no earlier assistant turn used.`,
      { param: `${param}.tool_use_id` },
    );
  }
  const content: Array<TextContent | ImageContent> =
    block.content === undefined
      ? []
      : typeof block.content === 'string'
        ? [{ type: 'text', text: block.content }]
        : block.content.map((b, k) =>
            b.type === 'text' ? { type: 'text', text: b.text } : imagePart(b, `${param}.content[${k}]`),
          );
  return {
    role: 'tool',
    toolCallId: block.tool_use_id,
    toolName,
    content,
    ...(block.is_error ? { isError: true } : {}),
  };
}
