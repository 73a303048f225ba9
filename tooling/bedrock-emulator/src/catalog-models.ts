// The built-in foundation models: a realistic snapshot of Bedrock's catalog (ids, providers, modalities,
// inference types, lifecycle, regions and cross-region profiles as Bedrock lists them), one file per family.
// Limits are the documented output-token maxima.

import { withCapabilities } from './catalog-capabilities.js';
import { AMAZON_MODELS } from './catalog-models-amazon.js';
import { ANTHROPIC_MODELS } from './catalog-models-anthropic.js';
import { OPEN_WEIGHT_MODELS } from './catalog-models-open-weight.js';
import { PARTNER_MODELS } from './catalog-models-partners.js';
import type { CatalogModel } from './catalog-types.js';

export const BUILT_IN_MODELS: CatalogModel[] = [
  ...ANTHROPIC_MODELS,
  ...AMAZON_MODELS,
  ...OPEN_WEIGHT_MODELS,
  ...PARTNER_MODELS,
].map(withCapabilities);
