// Each request rule at its edge: the last value accepted and the first refused, with the rule and the located
// message a caller sees. Limits are Bedrock's: InferenceConfiguration (maxTokens >= 1, temperature and topP in
// [0, 1]: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InferenceConfiguration.html),
// ToolSpecification names ([a-zA-Z0-9_-]+, 1 to 64 characters:
// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolSpecification.html), four cache
// checkpoints per request (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html), and
// Claude's extended thinking budget of at least 1,024 tokens, below max_tokens
// (https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html).
import { describe, expect, it } from 'vitest';
import { ConverseStreamError } from './errors.js';
import { validateConverseRequest } from './validation.js';

const base = {
  modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0',
  messages: [{ role: 'user', content: [{ text: 'hi' }] }],
};
const point = { cachePoint: { type: 'default' } };
const tool = (name: unknown) => ({ toolSpec: { name, inputSchema: { json: {} } } });

function outcome(input: unknown, options = {}): { rule?: string; message?: string; path?: string } {
  try {
    validateConverseRequest(input, options);
    return {};
  } catch (error) {
    if (!ConverseStreamError.isInstance(error)) throw error;
    return { rule: error.rule, message: error.message, path: error.location?.path };
  }
}

describe('validateConverseRequest at the edges', () => {
  it('refuses anything but an object, and a missing or blank modelId', () => {
    expect(outcome(null)).toEqual({ rule: 'request_shape', message: 'The request must be an object' });
    expect(outcome([])).toMatchObject({ rule: 'request_shape' });
    expect(outcome({ ...base, modelId: ' ' })).toEqual({
      rule: 'model_id',
      message: 'modelId is required (at modelId)',
      path: 'modelId',
    });
    expect(outcome({ messages: base.messages })).toMatchObject({ rule: 'model_id' });
  });

  it('refuses a system that is not an array, and a system block with two members', () => {
    expect(outcome({ ...base, system: { text: 'x' } })).toEqual({
      rule: 'system_shape',
      message: 'system must be an array of blocks (at system)',
      path: 'system',
    });
    expect(
      outcome({ ...base, system: [{ text: 'a' }, { text: 'x', cachePoint: { type: 'default' } }] }),
    ).toEqual({
      rule: 'block_shape',
      message: 'A system block must have exactly one member (at system.1)',
      path: 'system.1',
    });
  });

  it.each([
    [1, undefined],
    [0, 'max_tokens'],
    [1.5, 'max_tokens'],
    ['10', 'max_tokens'],
  ])('maxTokens %s -> %s', (maxTokens, rule) => {
    expect(outcome({ ...base, inferenceConfig: { maxTokens } }).rule).toBe(rule);
  });

  it('maxTokens may equal the model limit, not exceed it', () => {
    expect(outcome({ ...base, inferenceConfig: { maxTokens: 8192 } }, { maxTokensLimit: 8192 })).toEqual({});
    expect(outcome({ ...base, inferenceConfig: { maxTokens: 8193 } }, { maxTokensLimit: 8192 })).toEqual({
      rule: 'max_tokens',
      message: "maxTokens 8193 exceeds the model's limit of 8192 (at inferenceConfig.maxTokens)",
      path: 'inferenceConfig.maxTokens',
    });
  });

  it.each([
    ['temperature', 0, undefined],
    ['temperature', 1, undefined],
    ['temperature', -0.01, 'temperature'],
    ['temperature', 1.01, 'temperature'],
    ['temperature', '0.5', 'temperature'],
    ['topP', 0, undefined],
    ['topP', 1, undefined],
    ['topP', -0.01, 'top_p'],
    ['topP', 1.01, 'top_p'],
  ])('%s %s -> %s', (field, value, rule) => {
    const result = outcome({ ...base, inferenceConfig: { [field]: value } });
    expect(result.rule).toBe(rule);
    if (rule) expect(result.path).toBe(`inferenceConfig.${field}`);
  });

  it.each([
    ['a'.repeat(64), undefined],
    ['get_weather-2', undefined],
    ['a'.repeat(65), 'tool_name'],
    ['', 'tool_name'],
    ['get weather', 'tool_name'],
    [42, 'tool_name'],
  ])('tool name %j -> %s', (name, rule) => {
    const result = outcome({ ...base, toolConfig: { tools: [tool(name)] } });
    expect(result.rule).toBe(rule);
    if (rule) expect(result.path).toBe('toolConfig.tools.0');
  });

  it('refuses a tool defined twice, and a toolChoice naming no defined tool', () => {
    expect(outcome({ ...base, toolConfig: { tools: [tool('a'), tool('b'), tool('a')] } })).toEqual({
      rule: 'tool_name_duplicate',
      message: 'Tool "a" is defined twice (at toolConfig.tools.2)',
      path: 'toolConfig.tools.2',
    });
    expect(
      outcome({ ...base, toolConfig: { tools: [tool('a')], toolChoice: { tool: { name: 'a' } } } }),
    ).toEqual({});
    expect(
      outcome({ ...base, toolConfig: { tools: [tool('a')], toolChoice: { tool: { name: 'b' } } } }),
    ).toEqual({
      rule: 'tool_choice',
      message: 'toolChoice names tool "b", which is not defined (at toolConfig.toolChoice)',
      path: 'toolConfig.toolChoice',
    });
  });

  it('counts cache points in tools, system and messages together: four pass, five do not', () => {
    const request = (inTools: number) => ({
      ...base,
      system: [{ text: 'sys' }, point],
      messages: [{ role: 'user', content: [{ text: 'hi' }, point, point] }],
      toolConfig: { tools: [tool('a'), ...Array.from({ length: inTools }, () => point)] },
    });
    expect(outcome(request(1))).toEqual({});
    expect(outcome(request(2))).toEqual({
      rule: 'cache_points',
      message: 'At most 4 cachePoint blocks are allowed; found 5',
    });
  });

  it('thinking: a budget of 1,024 below maxTokens passes; 1,023, or one not below maxTokens, does not', () => {
    const thinking = (budget: unknown, maxTokens = 4096) => ({
      ...base,
      inferenceConfig: { maxTokens },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: budget } },
    });
    expect(outcome(thinking(1024))).toEqual({});
    expect(outcome(thinking(1023))).toMatchObject({
      rule: 'thinking_budget',
      path: 'additionalModelRequestFields.thinking.budget_tokens',
    });
    expect(outcome(thinking(4096))).toMatchObject({
      rule: 'thinking_budget',
      message:
        'thinking.budget_tokens (4096) must be less than maxTokens (4096) (at additionalModelRequestFields.thinking.budget_tokens)',
    });
  });
});
