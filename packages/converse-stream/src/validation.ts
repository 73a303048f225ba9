import { validationError } from './errors.js';
import { isBlank, isObject, type Json, MAX_CACHE_POINTS, TOOL_NAME, unionKey } from './request-shape.js';
import { checkMessages, checkThinkingFirst } from './validation-messages.js';

export interface ValidateOptions {
  /** The model's output limit; `inferenceConfig.maxTokens` above it is rejected. */
  maxTokensLimit?: number;
}

function checkTools(toolConfig: unknown, counts: { cachePoints: number }): void {
  if (!isObject(toolConfig)) return;
  const tools = Array.isArray(toolConfig.tools) ? toolConfig.tools : [];
  const names = new Set<string>();
  tools.forEach((tool, i) => {
    const where = { path: `toolConfig.tools.${i}` };
    if (isObject(tool) && 'cachePoint' in tool) {
      counts.cachePoints++;
      return;
    }
    const spec = isObject(tool) ? (tool.toolSpec ?? tool.systemTool) : undefined;
    const name = isObject(spec) ? spec.name : undefined;
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
      throw validationError(
        'tool_name',
        `Tool name ${JSON.stringify(name)} must match [a-zA-Z0-9_-]{1,64}`,
        where,
      );
    }
    if (names.has(name))
      throw validationError('tool_name_duplicate', `Tool "${name}" is defined twice`, where);
    names.add(name);
  });
  const choice = isObject(toolConfig.toolChoice) ? toolConfig.toolChoice.tool : undefined;
  if (isObject(choice) && (typeof choice.name !== 'string' || !names.has(choice.name))) {
    throw validationError(
      'tool_choice',
      `toolChoice names tool ${JSON.stringify(choice.name)}, which is not defined`,
      {
        path: 'toolConfig.toolChoice',
      },
    );
  }
}

function checkInference(input: Json, options: ValidateOptions): void {
  const config = isObject(input.inferenceConfig) ? input.inferenceConfig : {};
  const { maxTokens, temperature, topP } = config;
  if (maxTokens !== undefined) {
    if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
      throw validationError('max_tokens', 'maxTokens must be a positive integer', {
        path: 'inferenceConfig.maxTokens',
      });
    }
    if (options.maxTokensLimit !== undefined && maxTokens > options.maxTokensLimit) {
      throw validationError(
        'max_tokens',
        `maxTokens ${maxTokens} exceeds the model's limit of ${options.maxTokensLimit}`,
        {
          path: 'inferenceConfig.maxTokens',
        },
      );
    }
  }
  if (
    temperature !== undefined &&
    (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= 1))
  ) {
    throw validationError('temperature', 'temperature must be between 0 and 1', {
      path: 'inferenceConfig.temperature',
    });
  }
  if (topP !== undefined && (typeof topP !== 'number' || !(topP >= 0 && topP <= 1))) {
    throw validationError('top_p', 'topP must be between 0 and 1', { path: 'inferenceConfig.topP' });
  }
  const extra = isObject(input.additionalModelRequestFields) ? input.additionalModelRequestFields : {};
  const thinking = isObject(extra.thinking) ? extra.thinking : undefined;
  if (thinking && thinking.type === 'enabled') {
    const budget = thinking.budget_tokens;
    const path = 'additionalModelRequestFields.thinking.budget_tokens';
    if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < 1024) {
      throw validationError('thinking_budget', 'thinking.budget_tokens must be an integer of at least 1024', {
        path,
      });
    }
    if (typeof maxTokens === 'number' && budget >= maxTokens) {
      throw validationError(
        'thinking_budget',
        `thinking.budget_tokens (${budget}) must be less than maxTokens (${maxTokens})`,
        { path },
      );
    }
  }
}

/**
 * Checks a ConverseStream request against the rules Bedrock enforces, before a request is spent.
 * Throws a `ConverseStreamError` with code `validation`, the `rule` and its `location`.
 */
export function validateConverseRequest(input: unknown, options: ValidateOptions = {}): void {
  if (!isObject(input)) throw validationError('request_shape', 'The request must be an object', {});
  if (typeof input.modelId !== 'string' || input.modelId.trim() === '') {
    throw validationError('model_id', 'modelId is required', { path: 'modelId' });
  }
  const counts = { cachePoints: 0 };
  const messages = input.messages;
  const promptResource = input.modelId.includes(':prompt/');
  if (!Array.isArray(messages) || (messages.length === 0 && !promptResource)) {
    throw validationError('messages_required', 'messages must be a non-empty array', { path: 'messages' });
  }
  const usesTools = checkMessages(messages, counts);
  const system = input.system;
  if (system !== undefined && !Array.isArray(system)) {
    throw validationError('system_shape', 'system must be an array of blocks', { path: 'system' });
  }
  (system ?? []).forEach((block: unknown, b: number) => {
    const kind = unionKey(block);
    const where = { block: b, path: `system.${b}` };
    if (kind === 'cachePoint') counts.cachePoints++;
    else if (kind === 'text' && isBlank((block as Json).text)) {
      throw validationError('blank_text', 'System text blocks must contain non-whitespace text', where);
    } else if (kind === undefined)
      throw validationError('block_shape', 'A system block must have exactly one member', where);
  });
  if (usesTools && !isObject(input.toolConfig)) {
    throw validationError(
      'tool_config_required',
      'toolConfig must be defined when messages contain toolUse or toolResult blocks',
      {
        path: 'toolConfig',
      },
    );
  }
  checkTools(input.toolConfig, counts);
  if (counts.cachePoints > MAX_CACHE_POINTS) {
    throw validationError(
      'cache_points',
      `At most ${MAX_CACHE_POINTS} cachePoint blocks are allowed; found ${counts.cachePoints}`,
      {},
    );
  }
  checkInference(input, options);
  if (thinkingEnabled(input)) checkThinkingFirst(messages);
}

function thinkingEnabled(input: Json): boolean {
  const extra = isObject(input.additionalModelRequestFields) ? input.additionalModelRequestFields : {};
  const thinking = isObject(extra.thinking) ? extra.thinking : undefined;
  return thinking?.type === 'enabled' || thinking?.type === 'adaptive';
}
