// Built-in catalog: Anthropic's Claude models as Bedrock lists them.

import { both, chat, claudeModern, model, vision } from './catalog-shapes.js';
import type { CatalogModel } from './catalog-types.js';
import { APAC, US } from './regions.js';

export const ANTHROPIC_MODELS: CatalogModel[] = [
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
];
