// The built-in foundation models: a realistic snapshot of Bedrock's catalog (ids, providers, modalities,
// inference types, lifecycle, regions and cross-region profiles as Bedrock lists them). Limits are the
// documented output-token maxima.
import type { CatalogModel } from './catalog-types.js';
import { APAC, EU, US } from './regions.js';

type Shape = Omit<CatalogModel, 'modelId' | 'modelName' | 'providerName'>;

const chat = (extra: Partial<Shape> = {}): Shape => ({
  inputModalities: ['TEXT'],
  outputModalities: ['TEXT'],
  responseStreamingSupported: true,
  customizationsSupported: [],
  inferenceTypesSupported: ['ON_DEMAND'],
  lifecycle: 'ACTIVE',
  maxOutputTokens: 4096,
  toolUse: true,
  ...extra,
});

const profileOnly: Pick<Shape, 'inferenceTypesSupported'> = {
  inferenceTypesSupported: ['INFERENCE_PROFILE'],
};
const both: Pick<Shape, 'inferenceTypesSupported'> = {
  inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
};
const vision: Pick<Shape, 'inputModalities'> = { inputModalities: ['TEXT', 'IMAGE'] };
const claudeModern: Partial<Shape> = {
  ...profileOnly,
  ...vision,
  reasoning: true,
  promptCaching: true,
  maxOutputTokens: 64000,
};

const model = (modelId: string, modelName: string, providerName: string, shape: Shape): CatalogModel => ({
  modelId,
  modelName,
  providerName,
  ...shape,
});

export const BUILT_IN_MODELS: CatalogModel[] = [
  // Anthropic
  model(
    'anthropic.claude-3-haiku-20240307-v1:0',
    'Claude 3 Haiku',
    'Anthropic',
    chat({
      ...both,
      ...vision,
      profiles: ['us', 'eu', 'apac'],
      customizationsSupported: ['FINE_TUNING'],
    }),
  ),
  model(
    'anthropic.claude-3-5-haiku-20241022-v1:0',
    'Claude 3.5 Haiku',
    'Anthropic',
    chat({
      ...both,
      regions: US,
      profiles: ['us'],
      maxOutputTokens: 8192,
      promptCaching: true,
    }),
  ),
  model(
    'anthropic.claude-3-5-sonnet-20240620-v1:0',
    'Claude 3.5 Sonnet',
    'Anthropic',
    chat({
      ...both,
      ...vision,
      lifecycle: 'LEGACY',
      profiles: ['us', 'eu', 'apac'],
      maxOutputTokens: 8192,
    }),
  ),
  model(
    'anthropic.claude-3-5-sonnet-20241022-v2:0',
    'Claude 3.5 Sonnet v2',
    'Anthropic',
    chat({
      ...both,
      ...vision,
      lifecycle: 'LEGACY',
      regions: ['us-west-2', ...APAC],
      profiles: ['us', 'apac'],
      maxOutputTokens: 8192,
    }),
  ),
  model(
    'anthropic.claude-3-7-sonnet-20250219-v1:0',
    'Claude 3.7 Sonnet',
    'Anthropic',
    chat({
      ...claudeModern,
      profiles: ['us', 'eu', 'apac'],
    }),
  ),
  model(
    'anthropic.claude-sonnet-4-20250514-v1:0',
    'Claude Sonnet 4',
    'Anthropic',
    chat({
      ...claudeModern,
      profiles: ['us', 'eu', 'apac', 'global'],
    }),
  ),
  model(
    'anthropic.claude-opus-4-1-20250805-v1:0',
    'Claude Opus 4.1',
    'Anthropic',
    chat({
      ...claudeModern,
      maxOutputTokens: 32000,
      regions: US,
      profiles: ['us'],
    }),
  ),
  model(
    'anthropic.claude-sonnet-4-5-20250929-v1:0',
    'Claude Sonnet 4.5',
    'Anthropic',
    chat({
      ...claudeModern,
      profiles: ['us', 'eu', 'jp', 'au', 'global'],
    }),
  ),
  model(
    'anthropic.claude-haiku-4-5-20251001-v1:0',
    'Claude Haiku 4.5',
    'Anthropic',
    chat({
      ...claudeModern,
      profiles: ['us', 'eu', 'global'],
    }),
  ),
  model(
    'anthropic.claude-opus-4-5-20251101-v1:0',
    'Claude Opus 4.5',
    'Anthropic',
    chat({
      ...claudeModern,
      profiles: ['us', 'eu', 'global'],
    }),
  ),
  // Amazon
  model(
    'amazon.nova-micro-v1:0',
    'Nova Micro',
    'Amazon',
    chat({
      ...both,
      profiles: ['us', 'eu', 'apac'],
      maxOutputTokens: 10000,
      promptCaching: true,
      customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
    }),
  ),
  model(
    'amazon.nova-lite-v1:0',
    'Nova Lite',
    'Amazon',
    chat({
      ...both,
      inputModalities: ['TEXT', 'IMAGE', 'VIDEO'],
      profiles: ['us', 'eu', 'apac'],
      maxOutputTokens: 10000,
      promptCaching: true,
      customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
    }),
  ),
  model(
    'amazon.nova-pro-v1:0',
    'Nova Pro',
    'Amazon',
    chat({
      ...both,
      inputModalities: ['TEXT', 'IMAGE', 'VIDEO'],
      profiles: ['us', 'eu', 'apac'],
      maxOutputTokens: 10000,
      promptCaching: true,
      customizationsSupported: ['FINE_TUNING', 'DISTILLATION'],
    }),
  ),
  model(
    'amazon.nova-premier-v1:0',
    'Nova Premier',
    'Amazon',
    chat({
      ...profileOnly,
      inputModalities: ['TEXT', 'IMAGE', 'VIDEO'],
      regions: US,
      profiles: ['us'],
      maxOutputTokens: 32000,
    }),
  ),
  model(
    'amazon.nova-2-lite-v1:0',
    'Nova 2 Lite',
    'Amazon',
    chat({
      ...profileOnly,
      ...vision,
      reasoning: true,
      profiles: ['us', 'eu', 'global'],
      maxOutputTokens: 65535,
    }),
  ),
  model(
    'amazon.titan-text-express-v1',
    'Titan Text G1 - Express',
    'Amazon',
    chat({
      lifecycle: 'LEGACY',
      toolUse: false,
      maxOutputTokens: 8192,
      customizationsSupported: ['FINE_TUNING', 'CONTINUED_PRE_TRAINING'],
    }),
  ),
  model(
    'amazon.titan-embed-text-v2:0',
    'Titan Text Embeddings V2',
    'Amazon',
    chat({
      outputModalities: ['EMBEDDING'],
      responseStreamingSupported: false,
      toolUse: false,
    }),
  ),
  model(
    'amazon.titan-image-generator-v2:0',
    'Titan Image Generator G1 v2',
    'Amazon',
    chat({
      ...vision,
      outputModalities: ['IMAGE'],
      responseStreamingSupported: false,
      toolUse: false,
      regions: ['us-east-1', 'us-west-2'],
      customizationsSupported: ['FINE_TUNING'],
    }),
  ),
  model(
    'amazon.nova-canvas-v1:0',
    'Nova Canvas',
    'Amazon',
    chat({
      ...vision,
      outputModalities: ['IMAGE'],
      responseStreamingSupported: false,
      toolUse: false,
      regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
    }),
  ),
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
  // Cohere
  model('cohere.command-r-plus-v1:0', 'Command R+', 'Cohere', chat({ regions: ['us-east-1', 'us-west-2'] })),
  model(
    'cohere.command-text-v14',
    'Command',
    'Cohere',
    chat({
      lifecycle: 'LEGACY',
      toolUse: false,
      regions: ['us-east-1', 'us-west-2'],
    }),
  ),
  model(
    'cohere.embed-english-v3',
    'Embed English',
    'Cohere',
    chat({
      outputModalities: ['EMBEDDING'],
      responseStreamingSupported: false,
      toolUse: false,
    }),
  ),
  // AI21 Labs
  model('ai21.jamba-1-5-large-v1:0', 'Jamba 1.5 Large', 'AI21 Labs', chat({ regions: ['us-east-1'] })),
  model(
    'ai21.j2-ultra-v1',
    'Jurassic-2 Ultra',
    'AI21 Labs',
    chat({
      lifecycle: 'LEGACY',
      responseStreamingSupported: false,
      toolUse: false,
      regions: ['us-east-1', 'us-west-2'],
      maxOutputTokens: 8191,
    }),
  ),
  // Stability AI
  model(
    'stability.sd3-5-large-v1:0',
    'Stable Diffusion 3.5 Large',
    'Stability AI',
    chat({
      ...vision,
      outputModalities: ['IMAGE'],
      responseStreamingSupported: false,
      toolUse: false,
      regions: ['us-west-2'],
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
