// A cheap, clearly labelled estimate of a Converse request's input tokens: 4 characters of text per token
// (the rule of thumb Anthropic and AWS quote for English), nothing for image and document bytes. It is
// a lower bound for most text, so a check built on it refuses only requests that are surely too long.
import type { BedrockConverseRequest } from './bedrock-types.js';

export const CHARS_PER_TOKEN = 4;

export function estimateInputTokens(request: BedrockConverseRequest): number {
  let chars = toolChars(request) + systemChars(request);
  for (const message of request.messages) chars += messageChars(message);
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

export function toolChars(request: BedrockConverseRequest): number {
  let chars = 0;
  for (const tool of request.toolConfig?.tools ?? []) {
    if (!('toolSpec' in tool)) continue;
    chars += tool.toolSpec.name.length + (tool.toolSpec.description?.length ?? 0);
    chars += jsonLength(tool.toolSpec.inputSchema.json);
  }
  return chars;
}

export function systemChars(request: BedrockConverseRequest): number {
  let chars = 0;
  for (const block of request.system ?? []) if ('text' in block) chars += block.text.length;
  return chars;
}

export function messageChars(message: BedrockConverseRequest['messages'][number]): number {
  let chars = 0;
  for (const block of message.content) chars += blockChars(block);
  return chars;
}

function blockChars(block: BedrockConverseRequest['messages'][number]['content'][number]): number {
  if ('text' in block) return block.text.length;
  if ('toolUse' in block) return block.toolUse.name.length + jsonLength(block.toolUse.input);
  if ('toolResult' in block) {
    let n = 0;
    for (const part of block.toolResult.content) {
      if ('text' in part) n += part.text.length;
      else if ('json' in part) n += jsonLength(part.json);
    }
    return n;
  }
  if ('reasoningContent' in block && 'reasoningText' in block.reasoningContent) {
    return block.reasoningContent.reasoningText.text.length;
  }
  return 0;
}

function jsonLength(value: unknown): number {
  if (value === undefined) return 0;
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
