// Rules about the conversation itself: roles, turns, blocks and tool pairing.
import { validationError } from './errors.js';
import {
  DOCUMENT_NAME,
  IMAGE_FORMATS,
  isBlank,
  isObject,
  type Json,
  TOOL_NAME,
  TOOL_USE_ID,
  unionKey,
} from './request-shape.js';

const at = (message: number, block?: number) =>
  block === undefined
    ? { message, path: `messages.${message}` }
    : { message, block, path: `messages.${message}.content.${block}` };

function checkImage(image: unknown, where: ReturnType<typeof at>): void {
  const format = isObject(image) ? image.format : undefined;
  if (typeof format !== 'string' || !IMAGE_FORMATS.has(format)) {
    throw validationError(
      'image_format',
      `Image format ${JSON.stringify(format)} is not supported; use png, jpeg, gif or webp`,
      where,
    );
  }
}

function checkBlock(
  block: unknown,
  role: string,
  m: number,
  b: number,
  counts: { cachePoints: number },
): void {
  const where = at(m, b);
  const kind = unionKey(block);
  if (kind === undefined) {
    throw validationError(
      'block_shape',
      'A content block must have exactly one member (text, image, toolUse, …)',
      where,
    );
  }
  const value = (block as Json)[kind];
  switch (kind) {
    case 'text':
      if (isBlank(value))
        throw validationError('blank_text', 'Text content blocks must contain non-whitespace text', where);
      break;
    case 'image':
      checkImage(value, where);
      break;
    case 'document': {
      const name = isObject(value) ? value.name : undefined;
      if (typeof name !== 'string' || !DOCUMENT_NAME.test(name)) {
        throw validationError(
          'document_name',
          'A document name may contain only alphanumerics, single spaces, hyphens, parentheses and square brackets',
          where,
        );
      }
      break;
    }
    case 'cachePoint':
      counts.cachePoints++;
      break;
    case 'reasoningContent':
      if (role !== 'assistant') {
        throw validationError(
          'reasoning_role',
          'reasoningContent blocks belong in assistant messages',
          where,
        );
      }
      break;
    case 'toolUse': {
      if (role !== 'assistant')
        throw validationError('tool_use_role', 'toolUse blocks belong in assistant messages', where);
      const use = isObject(value) ? value : {};
      if (typeof use.toolUseId !== 'string' || !TOOL_USE_ID.test(use.toolUseId)) {
        throw validationError('tool_use_id', 'toolUseId must match [a-zA-Z0-9_-]{1,64}', where);
      }
      if (typeof use.name !== 'string' || !TOOL_NAME.test(use.name)) {
        throw validationError('tool_name', 'Tool names must match [a-zA-Z0-9_-]{1,64}', where);
      }
      break;
    }
    case 'toolResult': {
      if (role !== 'user')
        throw validationError('tool_result_role', 'toolResult blocks belong in user messages', where);
      const result = isObject(value) ? value : {};
      if (typeof result.toolUseId !== 'string' || !TOOL_USE_ID.test(result.toolUseId)) {
        throw validationError('tool_use_id', 'toolUseId must match [a-zA-Z0-9_-]{1,64}', where);
      }
      const content = Array.isArray(result.content) ? result.content : [];
      for (const item of content) if (isObject(item) && 'image' in item) checkImage(item.image, where);
      break;
    }
  }
}

const idsOf = (content: unknown[], kind: 'toolUse' | 'toolResult'): string[] =>
  content.flatMap((block) => {
    const value = isObject(block) ? block[kind] : undefined;
    return isObject(value) && typeof value.toolUseId === 'string' ? [value.toolUseId] : [];
  });

export function checkMessages(messages: unknown[], counts: { cachePoints: number }): boolean {
  let usesTools = false;
  messages.forEach((message, m) => {
    if (!isObject(message)) throw validationError('message_shape', 'Each message must be an object', at(m));
    const role = message.role;
    if (role !== 'user' && role !== 'assistant') {
      throw validationError(
        'role',
        `Message role must be "user" or "assistant", not ${JSON.stringify(role)}`,
        at(m),
      );
    }
    if (m === 0 && role !== 'user')
      throw validationError('first_message_user', 'A conversation must start with a user message', at(m));
    const previous = m > 0 ? (messages[m - 1] as Json) : undefined;
    if (previous && previous.role === role) {
      throw validationError(
        'alternation',
        `Messages must alternate between user and assistant; two ${role} turns in a row`,
        at(m),
      );
    }
    const content = message.content;
    if (!Array.isArray(content) || content.length === 0) {
      throw validationError('empty_content', 'A message must have at least one content block', at(m));
    }
    content.forEach((block, b) => {
      checkBlock(block, role, m, b, counts);
    });

    const results = idsOf(content, 'toolResult');
    const uses = idsOf(content, 'toolUse');
    if (results.length > 0 || uses.length > 0) usesTools = true;
    // toolResult ids must answer exactly the toolUse ids of the assistant turn before.
    const asked = previous && Array.isArray(previous.content) ? idsOf(previous.content, 'toolUse') : [];
    if (role === 'user') {
      const askedSet = new Set(asked);
      const stray = results.find((id) => !askedSet.has(id));
      if (stray !== undefined) {
        const b = content.findIndex(
          (block) => isObject(block) && isObject(block.toolResult) && block.toolResult.toolUseId === stray,
        );
        throw validationError(
          'tool_result_pairing',
          `toolResult "${stray}" answers no toolUse of the previous assistant turn`,
          at(m, b),
        );
      }
      const answered = new Set(results);
      const missing = asked.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        throw validationError(
          'tool_use_unanswered',
          `Expected toolResult blocks for toolUse ids: ${missing.join(', ')}`,
          at(m),
        );
      }
    } else if (uses.length > 0 && m < messages.length - 1) {
      const next = messages[m + 1];
      if (
        isObject(next) &&
        next.role === 'user' &&
        (!Array.isArray(next.content) || idsOf(next.content, 'toolResult').length === 0)
      ) {
        throw validationError(
          'tool_use_unanswered',
          `Expected toolResult blocks for toolUse ids: ${uses.join(', ')}`,
          at(m + 1),
        );
      }
    }
  });
  return usesTools;
}

/**
 * With extended thinking on, Claude requires the assistant turn of an unfinished tool loop (the
 * last assistant turn, answered by tool results) to start with its reasoning block, signed as sent.
 */
export function checkThinkingFirst(messages: unknown[]): void {
  for (let m = messages.length - 1; m >= 0; m--) {
    const message = messages[m];
    if (!isObject(message) || message.role !== 'assistant' || !Array.isArray(message.content)) continue;
    if (idsOf(message.content, 'toolUse').length > 0 && unionKey(message.content[0]) !== 'reasoningContent') {
      throw validationError(
        'thinking_block_first',
        'With thinking enabled, the assistant turn that called tools must start with its reasoningContent block',
        at(m, 0),
      );
    }
    return;
  }
}
