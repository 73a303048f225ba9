// Built-in catalog: Amazon's Nova and Titan models as Bedrock lists them.

import { both, chat, model, profileOnly, vision } from './catalog-shapes.js';
import type { CatalogModel } from './catalog-types.js';
import { US } from './regions.js';

export const AMAZON_MODELS: CatalogModel[] = [
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
];
