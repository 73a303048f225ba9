// Built-in catalog: the other partner models (Cohere, AI21 Labs, Stability AI) as Bedrock lists them.

import { chat, model, vision } from './catalog-shapes.js';
import type { CatalogModel } from './catalog-types.js';

export const PARTNER_MODELS: CatalogModel[] = [
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
];
