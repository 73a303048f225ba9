import { type KnownModel, price } from './known-model.js';

// Open-weight families served by Bedrock. None of them takes Converse cache points.
const base = { promptCaching: false, temperature: true, reasoning: false, reasoningDialect: 'none' } as const;
const text = ['text'] as const;
const vision = ['text', 'image'] as const;

function model(
  providerName: string,
  name: string,
  limits: {
    contextWindow: number;
    maxTokens: number;
    input?: readonly ('text' | 'image')[];
    toolUse: boolean;
  },
  cost: Pick<KnownModel, 'cost' | 'priceDate'>,
): KnownModel {
  const input: ('text' | 'image' | 'document')[] = [...(limits.input ?? text)];
  // Document chat through Converse (AWS "Supported models and model features"): Meta, Mistral, AI21, Cohere.
  if (DOCUMENT_CHAT.has(providerName)) input.push('document');
  return { ...base, providerName, name, ...limits, input, ...cost };
}

const DOCUMENT_CHAT = new Set(['Meta', 'Mistral AI', 'AI21 Labs', 'Cohere']);

const meta = (name: string, limits: Parameters<typeof model>[2], cost: Parameters<typeof model>[3]) =>
  model('Meta', name, limits, cost);
const mistral = (name: string, limits: Parameters<typeof model>[2], cost: Parameters<typeof model>[3]) =>
  model('Mistral AI', name, limits, cost);

// Llama 3.x on Bedrock caps a reply at 2,048 tokens (max_gen_len).
const llama3 = { contextWindow: 128_000, maxTokens: 2_048, toolUse: true };

export const OPEN_WEIGHT_MODELS: Record<string, KnownModel> = {
  'meta.llama3-8b-instruct-v1:0': meta(
    'Llama 3 8B Instruct',
    { contextWindow: 8_192, maxTokens: 2_048, toolUse: false },
    price(0.3, 0.6),
  ),
  'meta.llama3-70b-instruct-v1:0': meta(
    'Llama 3 70B Instruct',
    { contextWindow: 8_192, maxTokens: 2_048, toolUse: false },
    price(2.65, 3.5),
  ),
  'meta.llama3-1-8b-instruct-v1:0': meta('Llama 3.1 8B Instruct', llama3, price(0.22, 0.22)),
  'meta.llama3-1-70b-instruct-v1:0': meta('Llama 3.1 70B Instruct', llama3, price(0.72, 0.72)),
  'meta.llama3-1-405b-instruct-v1:0': meta('Llama 3.1 405B Instruct', llama3, price(2.4, 2.4)),
  'meta.llama3-2-1b-instruct-v1:0': meta('Llama 3.2 1B Instruct', llama3, price(0.1, 0.1)),
  'meta.llama3-2-3b-instruct-v1:0': meta('Llama 3.2 3B Instruct', llama3, price(0.15, 0.15)),
  'meta.llama3-2-11b-instruct-v1:0': meta(
    'Llama 3.2 11B Vision Instruct',
    { ...llama3, input: vision },
    price(0.16, 0.16),
  ),
  'meta.llama3-2-90b-instruct-v1:0': meta(
    'Llama 3.2 90B Vision Instruct',
    { ...llama3, input: vision },
    price(0.72, 0.72),
  ),
  'meta.llama3-3-70b-instruct-v1:0': meta('Llama 3.3 70B Instruct', llama3, price(0.72, 0.72)),
  'meta.llama4-scout-17b-instruct-v1:0': meta(
    'Llama 4 Scout 17B Instruct',
    { contextWindow: 3_500_000, maxTokens: 8_192, input: vision, toolUse: true },
    price(0.17, 0.66),
  ),
  'meta.llama4-maverick-17b-instruct-v1:0': meta(
    'Llama 4 Maverick 17B Instruct',
    { contextWindow: 1_000_000, maxTokens: 8_192, input: vision, toolUse: true },
    price(0.24, 0.97),
  ),

  'mistral.mistral-7b-instruct-v0:2': mistral(
    'Mistral 7B Instruct',
    { contextWindow: 32_000, maxTokens: 8_192, toolUse: false },
    price(0.15, 0.2),
  ),
  'mistral.mixtral-8x7b-instruct-v0:1': mistral(
    'Mixtral 8x7B Instruct',
    { contextWindow: 32_000, maxTokens: 4_096, toolUse: false },
    price(0.45, 0.7),
  ),
  'mistral.mistral-small-2402-v1:0': mistral(
    'Mistral Small (24.02)',
    { contextWindow: 32_000, maxTokens: 8_192, toolUse: true },
    price(1, 3),
  ),
  'mistral.mistral-large-2402-v1:0': mistral(
    'Mistral Large (24.02)',
    { contextWindow: 32_000, maxTokens: 8_192, toolUse: true },
    price(4, 12),
  ),
  'mistral.mistral-large-2407-v1:0': mistral(
    'Mistral Large (24.07)',
    { contextWindow: 128_000, maxTokens: 8_192, toolUse: true },
    price(2, 6),
  ),
  'mistral.pixtral-large-2502-v1:0': mistral(
    'Pixtral Large (25.02)',
    { contextWindow: 128_000, maxTokens: 8_192, input: vision, toolUse: true },
    price(2, 6),
  ),

  // R1 always reasons (reasoningContent blocks) and takes no tools.
  'deepseek.r1-v1:0': {
    ...model(
      'DeepSeek',
      'DeepSeek-R1',
      { contextWindow: 128_000, maxTokens: 32_768, toolUse: false },
      price(1.35, 5.4),
    ),
    reasoning: true,
    reasoningDialect: 'always-on',
  },
  'deepseek.v3-v1:0': model(
    'DeepSeek',
    'DeepSeek-V3.1',
    { contextWindow: 128_000, maxTokens: 8_192, toolUse: true },
    price(0.58, 1.68),
  ),

  'ai21.jamba-1-5-mini-v1:0': model(
    'AI21 Labs',
    'Jamba 1.5 Mini',
    { contextWindow: 256_000, maxTokens: 4_096, toolUse: true },
    price(0.2, 0.4),
  ),
  'ai21.jamba-1-5-large-v1:0': model(
    'AI21 Labs',
    'Jamba 1.5 Large',
    { contextWindow: 256_000, maxTokens: 4_096, toolUse: true },
    price(2, 8),
  ),

  'cohere.command-r-v1:0': model(
    'Cohere',
    'Command R',
    { contextWindow: 128_000, maxTokens: 4_096, toolUse: true },
    price(0.5, 1.5),
  ),
  'cohere.command-r-plus-v1:0': model(
    'Cohere',
    'Command R+',
    { contextWindow: 128_000, maxTokens: 4_096, toolUse: true },
    price(3, 15),
  ),

  'qwen.qwen3-32b-v1:0': model(
    'Qwen',
    'Qwen3 32B (dense)',
    { contextWindow: 32_768, maxTokens: 8_192, toolUse: true },
    price(0.15, 0.6),
  ),
  'qwen.qwen3-235b-a22b-2507-v1:0': model(
    'Qwen',
    'Qwen3 235B A22B 2507',
    { contextWindow: 262_144, maxTokens: 32_768, toolUse: true },
    price(0.22, 0.88),
  ),
  'qwen.qwen3-coder-30b-a3b-v1:0': model(
    'Qwen',
    'Qwen3 Coder 30B A3B Instruct',
    { contextWindow: 262_144, maxTokens: 32_768, toolUse: true },
    price(0.15, 0.6),
  ),
  'qwen.qwen3-coder-480b-a35b-v1:0': model(
    'Qwen',
    'Qwen3 Coder 480B A35B Instruct',
    { contextWindow: 131_072, maxTokens: 32_768, toolUse: true },
    price(0.22, 1.8),
  ),

  // gpt-oss always reasons; `reasoning_effort` (low/medium/high) sets how much.
  'openai.gpt-oss-20b-1:0': {
    ...model(
      'OpenAI',
      'gpt-oss-20b',
      { contextWindow: 128_000, maxTokens: 16_384, toolUse: true },
      price(0.07, 0.3),
    ),
    reasoning: true,
    reasoningDialect: 'reasoning-effort',
  },
  'openai.gpt-oss-120b-1:0': {
    ...model(
      'OpenAI',
      'gpt-oss-120b',
      { contextWindow: 128_000, maxTokens: 16_384, toolUse: true },
      price(0.15, 0.6),
    ),
    reasoning: true,
    reasoningDialect: 'reasoning-effort',
  },
};
