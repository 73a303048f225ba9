// Built-in catalog: open-weight models (Meta, Mistral AI, DeepSeek, OpenAI, Qwen) as Bedrock lists them.

import { both, chat, model, profileOnly, vision } from './catalog-shapes.js';
import type { CatalogModel } from './catalog-types.js';
import { EU, US } from './regions.js';

export const OPEN_WEIGHT_MODELS: CatalogModel[] = [
  // Meta
  model(
    'meta.llama3-70b-instruct-v1:0',
    'Llama 3 70B Instruct',
    'Meta',
    chat({
      lifecycle: 'LEGACY',
      regions: ['us-east-1', 'us-west-2', 'ap-south-1', 'eu-west-2'],
      toolUse: false,
      maxOutputTokens: 2048,
    }),
  ),
  model(
    'meta.llama3-1-8b-instruct-v1:0',
    'Llama 3.1 8B Instruct',
    'Meta',
    chat({
      ...both,
      regions: US,
      profiles: ['us'],
      maxOutputTokens: 2048,
      customizationsSupported: ['FINE_TUNING'],
    }),
  ),
  model(
    'meta.llama3-3-70b-instruct-v1:0',
    'Llama 3.3 70B Instruct',
    'Meta',
    chat({
      ...profileOnly,
      regions: US,
      profiles: ['us'],
      maxOutputTokens: 8192,
    }),
  ),
  model(
    'meta.llama4-maverick-17b-instruct-v1:0',
    'Llama 4 Maverick 17B Instruct',
    'Meta',
    chat({
      ...profileOnly,
      ...vision,
      regions: US,
      profiles: ['us'],
      maxOutputTokens: 8192,
    }),
  ),
  // Mistral AI
  model(
    'mistral.mistral-7b-instruct-v0:2',
    'Mistral 7B Instruct',
    'Mistral AI',
    chat({
      toolUse: false,
      maxOutputTokens: 8192,
    }),
  ),
  model(
    'mistral.mistral-large-2402-v1:0',
    'Mistral Large (24.02)',
    'Mistral AI',
    chat({ maxOutputTokens: 8192 }),
  ),
  model(
    'mistral.pixtral-large-2502-v1:0',
    'Pixtral Large (25.02)',
    'Mistral AI',
    chat({
      ...profileOnly,
      ...vision,
      regions: ['us-east-1', 'us-east-2', 'us-west-2', ...EU],
      profiles: ['us', 'eu'],
      maxOutputTokens: 8192,
    }),
  ),
  // DeepSeek
  model(
    'deepseek.r1-v1:0',
    'DeepSeek-R1',
    'DeepSeek',
    chat({
      ...profileOnly,
      regions: US,
      profiles: ['us'],
      reasoning: true,
      toolUse: false,
      maxOutputTokens: 32768,
    }),
  ),
  model(
    'deepseek.v3-v1:0',
    'DeepSeek-V3.1',
    'DeepSeek',
    chat({
      regions: ['us-west-2', 'ap-northeast-1', 'ap-south-1', 'eu-north-1'],
      maxOutputTokens: 8192,
    }),
  ),
  // OpenAI and Qwen (open-weight)
  model(
    'openai.gpt-oss-120b-1:0',
    'gpt-oss-120b',
    'OpenAI',
    chat({
      regions: ['us-west-2', 'us-east-1', 'ap-northeast-1', 'eu-west-1'],
      reasoning: true,
      maxOutputTokens: 32768,
    }),
  ),
  model(
    'qwen.qwen3-32b-v1:0',
    'Qwen3 32B (dense)',
    'Qwen',
    chat({
      regions: ['us-west-2', 'ap-northeast-1', 'eu-central-1'],
      maxOutputTokens: 16384,
    }),
  ),
];
