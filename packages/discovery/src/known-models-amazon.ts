import { type KnownModel, price } from './known-model.js';

const nova = { providerName: 'Amazon', toolUse: true, temperature: true } as const;
const titan = {
  providerName: 'Amazon',
  // Document chat through Converse (AWS "Supported models and model features").
  input: ['text', 'document'],
  toolUse: false,
  promptCaching: false,
  temperature: true,
  reasoning: false,
  reasoningDialect: 'none',
} as const;
const noThinking = { reasoning: false, reasoningDialect: 'none' } as const;

export const AMAZON_MODELS: Record<string, KnownModel> = {
  // Nova bills no cache writes; cache reads at a quarter of the input price.
  'amazon.nova-micro-v1:0': {
    ...nova,
    ...noThinking,
    name: 'Nova Micro',
    input: ['text'],
    contextWindow: 128_000,
    maxTokens: 10_000,
    promptCaching: true,
    ...price(0.035, 0.14, 0.00875, 0),
  },
  'amazon.nova-lite-v1:0': {
    ...nova,
    ...noThinking,
    name: 'Nova Lite',
    input: ['text', 'image', 'document'],
    contextWindow: 300_000,
    maxTokens: 10_000,
    promptCaching: true,
    ...price(0.06, 0.24, 0.015, 0),
  },
  'amazon.nova-pro-v1:0': {
    ...nova,
    ...noThinking,
    name: 'Nova Pro',
    input: ['text', 'image', 'document'],
    contextWindow: 300_000,
    maxTokens: 10_000,
    promptCaching: true,
    ...price(0.8, 3.2, 0.2, 0),
  },
  'amazon.nova-premier-v1:0': {
    ...nova,
    ...noThinking,
    name: 'Nova Premier',
    input: ['text', 'image', 'document'],
    contextWindow: 1_000_000,
    maxTokens: 32_000,
    promptCaching: false,
    ...price(2.5, 12.5),
  },
  'amazon.nova-2-lite-v1:0': {
    ...nova,
    reasoning: true,
    reasoningDialect: 'nova-reasoning-config',
    name: 'Nova 2 Lite',
    input: ['text', 'image', 'document'],
    contextWindow: 1_000_000,
    maxTokens: 64_000,
    promptCaching: false,
    ...price(0.33, 2.75),
  },
  'amazon.titan-text-express-v1': {
    ...titan,
    name: 'Titan Text G1 - Express',
    contextWindow: 8_192,
    maxTokens: 8_192,
    ...price(0.2, 0.6),
  },
  'amazon.titan-text-lite-v1': {
    ...titan,
    name: 'Titan Text G1 - Lite',
    contextWindow: 4_096,
    maxTokens: 4_096,
    ...price(0.15, 0.2),
  },
  'amazon.titan-text-premier-v1:0': {
    ...titan,
    name: 'Titan Text G1 - Premier',
    contextWindow: 32_000,
    maxTokens: 3_072,
    ...price(0.5, 1.5),
  },
};
