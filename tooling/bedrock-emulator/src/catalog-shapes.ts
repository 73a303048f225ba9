// The shapes the built-in catalog's models are written in: a streaming text model by default, plus the
// inference types, modalities and Claude features the entries switch on.
import type { CatalogModel } from './catalog-types.js';

export type Shape = Omit<CatalogModel, 'modelId' | 'modelName' | 'providerName'>;

export const chat = (extra: Partial<Shape> = {}): Shape => ({
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

export const profileOnly: Pick<Shape, 'inferenceTypesSupported'> = {
  inferenceTypesSupported: ['INFERENCE_PROFILE'],
};
export const both: Pick<Shape, 'inferenceTypesSupported'> = {
  inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE'],
};
export const vision: Pick<Shape, 'inputModalities'> = { inputModalities: ['TEXT', 'IMAGE'] };
export const claudeModern: Partial<Shape> = {
  ...profileOnly,
  ...vision,
  reasoning: true,
  promptCaching: true,
  maxOutputTokens: 64000,
};

export const model = (
  modelId: string,
  modelName: string,
  providerName: string,
  shape: Shape,
): CatalogModel => ({
  modelId,
  modelName,
  providerName,
  ...shape,
});
