import { z } from 'zod';

// The fields of ListFoundationModels / ListInferenceProfiles replies that discovery reads, validated
// so a malformed reply becomes a located `invalid_response` error instead of a crash. Enum-like
// strings stay open: AWS adds values (`INFERENCE_PROFILE` in inferenceTypesSupported is one).

export const foundationModelSummarySchema = z.object({
  modelId: z.string(),
  modelArn: z.string().optional(),
  modelName: z.string().optional(),
  providerName: z.string().optional(),
  inputModalities: z.array(z.string()).optional(),
  outputModalities: z.array(z.string()).optional(),
  responseStreamingSupported: z.boolean().optional(),
  inferenceTypesSupported: z.array(z.string()).optional(),
  modelLifecycle: z.object({ status: z.string().optional() }).optional(),
});

export const inferenceProfileSummarySchema = z.object({
  inferenceProfileId: z.string(),
  inferenceProfileName: z.string().optional(),
  inferenceProfileArn: z.string().optional(),
  models: z.array(z.object({ modelArn: z.string().optional() })).optional(),
  status: z.string().optional(),
  type: z.string().optional(),
});

export type FoundationModelSummary = z.infer<typeof foundationModelSummarySchema>;
export type InferenceProfileSummary = z.infer<typeof inferenceProfileSummarySchema>;

export interface CatalogInput {
  foundationModels: FoundationModelSummary[];
  /** Undefined when profiles could not be listed (the models are still usable). */
  inferenceProfiles?: InferenceProfileSummary[];
}
