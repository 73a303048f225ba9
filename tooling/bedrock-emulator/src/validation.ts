// Request validation Bedrock performs on Converse / ConverseStream, answered with its wording. Coral-style
// constraint messages use 1-based `member` indices; Bedrock's own messages use 0-based paths, as on AWS.

import { checkCapabilities } from './capabilities.js';
import type { CatalogModel } from './catalog-types.js';
import { type AwsError, awsError } from './http-io.js';
import type { ContentBlock, ConverseBody } from './request-body.js';
import { thinkingRequest } from './request-body.js';
import { checkOutputSchema } from './structured-output.js';

const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'];
const TOOL_NAME = /^[a-zA-Z0-9_-]+$/;
const MAX_CACHE_POINTS = 4;
// The documented set (API_runtime_DocumentBlock) plus underscores, which Bedrock accepts live (vercel/ai #20366,
// pizza-bot-app/pizza-bot #6); the wording as quoted in simonw/llm-bedrock #8 and karthink/gptel #1427.
const DOCUMENT_NAME = /^[a-zA-Z0-9_\s\-()[\]]+$/;
const DOCUMENT_NAME_MESSAGE =
  "The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character. Check that the file name conforms to these restrictions and retry your request.";

const invalid = (message: string) => awsError('ValidationException', message);
const constraint = (value: unknown, at: string, rule: string) =>
  invalid(
    `1 validation error detected: Value '${String(value)}' at '${at}' failed to satisfy constraint: ${rule}`,
  );
const fromModel = (message: string) => invalid(`The model returned the following errors: ${message}`);

type Check = (body: ConverseBody, model: CatalogModel) => AwsError | undefined;

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Members the SDK always sends in the right shape; raw clients might not. */
const shape: Check = (body) => {
  if (!Array.isArray(body.messages)) return constraint(null, 'messages', 'Member must not be null');
  if (body.system !== undefined && !Array.isArray(body.system))
    return invalid('Malformed input request: system must be a list.');
  if (body.inferenceConfig !== undefined && !isObject(body.inferenceConfig)) {
    return invalid('Malformed input request: inferenceConfig must be a structure.');
  }
  const tools = body.toolConfig?.tools;
  if (
    body.toolConfig !== undefined &&
    (!isObject(body.toolConfig) || !Array.isArray(tools) || tools.length === 0)
  ) {
    return constraint(null, 'toolConfig.tools', 'Member must have length greater than or equal to 1');
  }
  for (const [i, message] of body.messages.entries()) {
    // The API model now lists `system` in ConversationRole, but Converse takes no system turn: Bedrock's answer
    // as quoted in continuedev/continue #1938 (the current wording for `system` is not verified, see README).
    if (message?.role !== 'user' && message?.role !== 'assistant') {
      return constraint(
        message?.role,
        `messages.${i + 1}.member.role`,
        'Member must satisfy enum value set: [user, assistant]',
      );
    }
    if (!Array.isArray(message.content)) {
      return constraint(null, `messages.${i + 1}.member.content`, 'Member must not be null');
    }
    for (const [j, block] of message.content.entries()) {
      if (!isObject(block))
        return invalid(`Malformed input request: messages.${i}.content.${j} must be a ContentBlock.`);
      const result = (block as { toolResult?: { content?: unknown } }).toolResult;
      if (result && !Array.isArray(result.content)) {
        return constraint(
          null,
          `messages.${i + 1}.member.content.${j + 1}.member.toolResult.content`,
          'Member must not be null',
        );
      }
    }
  }
  return undefined;
};

const conversation: Check = (body) => {
  const messages = body.messages ?? [];
  // Both messages as Bedrock answers them (alternation quoted in langchain-ai/langchainjs #6724,
  // langgenius/dify #9294; the first-message wording has no public quote found, not verified).
  if (messages[0]?.role !== 'user') {
    return invalid(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  for (let i = 1; i < messages.length; i++) {
    if (messages[i]!.role === messages[i - 1]!.role) {
      return invalid(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
  }
  return undefined;
};

const content: Check = (body) => {
  for (const [i, message] of (body.messages ?? []).entries()) {
    const blocks = message.content ?? [];
    if (blocks.length === 0) {
      // archestra-ai/archestra #4220.
      return invalid(
        `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    }
    for (const [j, block] of blocks.entries()) {
      if (typeof block?.text === 'string' && block.text.trim() === '') {
        // OpenHands/OpenHands #5339, Just-Curieous/Curie #14.
        return invalid(
          `The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`,
        );
      }
      const name = block?.document?.name;
      if (block?.document && (typeof name !== 'string' || !DOCUMENT_NAME.test(name) || /\s{2}/.test(name))) {
        return invalid(DOCUMENT_NAME_MESSAGE);
      }
      const format = block?.image?.format;
      if (block?.image && !IMAGE_FORMATS.includes(String(format))) {
        return constraint(
          format,
          `messages.${i + 1}.member.content.${j + 1}.member.image.format`,
          `Member must satisfy enum value set: [${IMAGE_FORMATS.join(', ')}]`,
        );
      }
    }
  }
  for (const [j, block] of (body.system ?? []).entries()) {
    if (typeof block?.text === 'string' && block.text.trim() === '') {
      return invalid(
        `The text field in the SystemContentBlock object at system.${j} is blank. Add text to the text field, and try again.`,
      );
    }
  }
  return undefined;
};

const tools: Check = (body, model) => {
  const messages = body.messages ?? [];
  const usesTools = messages.some((message) =>
    (message.content ?? []).some((block) => block.toolUse || block.toolResult),
  );
  // langgenius/dify #17545, vxcontrol/pentagi #196.
  if (usesTools && !body.toolConfig) {
    return invalid('The toolConfig field must be defined when using toolUse and toolResult content blocks.');
  }
  const specs = body.toolConfig?.tools ?? [];
  // langchain-ai/langchain-aws #447.
  if (specs.length > 0 && model.toolUse === false) return invalid("This model doesn't support tool use.");
  const names = new Set<string>();
  for (const [i, tool] of specs.entries()) {
    const name = tool?.toolSpec?.name;
    if (!tool?.toolSpec) continue;
    const at = `toolConfig.tools.${i + 1}.member.toolSpec.name`;
    if (typeof name !== 'string' || name.length < 1)
      return constraint(name, at, 'Member must have length greater than or equal to 1');
    if (name.length > 64) return constraint(name, at, 'Member must have length less than or equal to 64');
    if (!TOOL_NAME.test(name))
      return constraint(name, at, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+');
    // Anthropic's message relayed by Bedrock; its Bedrock form is not verified.
    if (names.has(name)) return fromModel('tools: Tool names must be unique.');
    names.add(name);
  }
  return toolPairs(messages);
};

/** Every toolResult answers a toolUse of the previous (assistant) turn, and every toolUse gets a result. */
function toolPairs(messages: NonNullable<ConverseBody['messages']>): AwsError | undefined {
  for (const [i, message] of messages.entries()) {
    const blocks = message.content ?? [];
    const previous = i > 0 ? (messages[i - 1]!.content ?? []) : [];
    const useIds = previous.flatMap((block: ContentBlock) =>
      block.toolUse ? [String(block.toolUse.toolUseId)] : [],
    );
    const results = blocks.flatMap((block, j) =>
      block.toolResult ? [{ id: String(block.toolResult.toolUseId), j }] : [],
    );
    // OpenHands/OpenHands #4912, pydantic/pydantic-ai #2327.
    if (results.length > useIds.length) {
      return invalid(
        `The number of toolResult blocks at messages.${i}.content exceeds the number of toolUse blocks of previous turn.`,
      );
    }
    for (const { id, j } of results) {
      if (!useIds.includes(id)) {
        // Anthropic's message relayed by Bedrock; its Bedrock form is not verified.
        return fromModel(
          `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    }
    const missing =
      message.role === 'user' ? useIds.filter((id) => !results.some((result) => result.id === id)) : [];
    if (missing.length > 0) {
      // Bedrock's own check of unanswered toolUse blocks; no public quote found, not verified.
      return invalid(
        `Expected toolResult blocks at messages.${i}.content for the following Ids: ${missing.join(', ')}`,
      );
    }
  }
  return undefined;
}

const cachePoints: Check = (body) => {
  const all = [
    ...(body.system ?? []),
    ...(body.toolConfig?.tools ?? []),
    ...(body.messages ?? []).flatMap((message) => message.content ?? []),
  ];
  const count = all.filter((block) => (block as { cachePoint?: unknown })?.cachePoint).length;
  // Claude's limit as Bedrock relays it (twentyhq/twenty #26217).
  if (count > MAX_CACHE_POINTS) {
    return fromModel(
      `A maximum of ${MAX_CACHE_POINTS} blocks with cache_control may be provided. Found ${count}.`,
    );
  }
  return undefined;
};

const inference: Check = (body, model) => {
  const config = body.inferenceConfig ?? {};
  const limit = model.maxOutputTokens ?? 4096;
  if (config.maxTokens !== undefined) {
    if (!Number.isInteger(config.maxTokens) || config.maxTokens < 1) {
      return constraint(
        config.maxTokens,
        'inferenceConfig.maxTokens',
        'Member must have value greater than or equal to 1',
      );
    }
    // vercel/ai #2772, sigoden/aichat #813.
    if (config.maxTokens > limit) {
      return invalid(
        `The maximum tokens you requested exceeds the model limit of ${limit}. Try again with a maximum tokens value that is lower than ${limit}.`,
      );
    }
  }
  for (const key of ['temperature', 'topP'] as const) {
    const value = config[key];
    if (value === undefined) continue;
    if (value < 0)
      return constraint(value, `inferenceConfig.${key}`, 'Member must have value greater than or equal to 0');
    if (value > 1)
      return constraint(value, `inferenceConfig.${key}`, 'Member must have value less than or equal to 1');
  }
  // The next three are Anthropic's validation messages, relayed by Bedrock with its "The model returned the
  // following errors:" prefix (the prefix: aaif-goose/goose #7504); their Bedrock form is not verified.
  const thinking = thinkingRequest(body);
  if (
    thinking &&
    model.providerName === 'Anthropic' &&
    config.temperature !== undefined &&
    config.temperature !== 1
  ) {
    return fromModel('`temperature` may only be set to 1 when thinking is enabled.');
  }
  const choice = body.toolConfig?.toolChoice;
  if (thinking && model.providerName === 'Anthropic' && (choice?.any || choice?.tool)) {
    return fromModel('Thinking may not be enabled when tool_choice forces tool use.');
  }
  if (thinking?.budgetTokens !== undefined) {
    if (thinking.budgetTokens < 1024) {
      return fromModel('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
    }
    const maxTokens = config.maxTokens ?? limit;
    if (thinking.budgetTokens >= maxTokens) {
      return fromModel(
        '`max_tokens` must be greater than `thinking.budget_tokens`. Please ensure that `max_tokens` is greater than `thinking.budget_tokens`.',
      );
    }
  }
  return undefined;
};

const CHECKS: Check[] = [shape, conversation, content, tools, cachePoints, inference];

/** The first ValidationException Bedrock would answer for this request, if any. */
export function validateConverse(
  body: ConverseBody,
  model: CatalogModel,
  streaming = false,
): AwsError | undefined {
  for (const check of CHECKS) {
    const error = check(body, model);
    if (error) return error;
  }
  return checkCapabilities(body, model, streaming) ?? checkOutputSchema(body);
}
