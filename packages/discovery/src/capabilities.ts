import { z } from 'zod';
import type { ModelCost, ModelInput } from './upstream-types.js';

/**
 * How a model is asked to reason:
 * - `anthropic-budget`: `thinking: { type: 'enabled', budget_tokens }` (Claude 3.7, 4, 4.1, 4.5);
 * - `anthropic-adaptive`: `thinking: { type: 'adaptive' }` with an effort level (Claude 4.6 and later);
 * - `reasoning-effort`: `reasoning_effort: 'low' | 'medium' | 'high'` (gpt-oss);
 * - `nova-reasoning-config`: `reasoningConfig: { type: 'enabled', maxReasoningEffort }` (Nova 2);
 * - `always-on`: the model always reasons and takes no switch (DeepSeek R1);
 * - `none`: no reasoning.
 */
export type ReasoningDialect =
  | 'none'
  | 'anthropic-budget'
  | 'anthropic-adaptive'
  | 'reasoning-effort'
  | 'nova-reasoning-config'
  | 'always-on';

export type ServiceTierName = 'default' | 'priority' | 'flex' | 'reserved';
export type ToolChoiceName = 'auto' | 'any' | 'tool';

/** The 2026 Converse features of a model (see model-features.ts for the sources). */
export interface ModelFeatures {
  /** Takes a `system` prompt (Titan Text and Mistral 7B/Mixtral Instruct do not). */
  systemPrompt: boolean;
  /** `toolConfig.toolChoice` members it accepts (`any` and `tool` force a tool call). */
  toolChoice: ToolChoiceName[];
  /** Takes `outputConfig.textFormat` (JSON schema structured output). */
  structuredOutput: boolean;
  /** Service tiers it can be called with (`serviceTier.type`). */
  serviceTiers: ServiceTierName[];
  /** Prompt tokens needed before a cache checkpoint caches anything. */
  promptCacheMinTokens?: number;
  /** Takes `cachePoint.ttl: '1h'`. */
  promptCacheLongTtl: boolean;
  /** Documents with `citations: { enabled: true }` answer with citation blocks. */
  citations: boolean;
  /** Bedrock CountTokens accepts it. */
  countTokens: boolean;
}

export interface ModelCapabilities extends Partial<ModelFeatures> {
  contextWindow: number;
  maxTokens: number;
  reasoning: boolean;
  reasoningDialect: ReasoningDialect;
  input: ModelInput[];
  toolUse: boolean;
  promptCaching: boolean;
  /** false: the model rejects a `temperature` setting. */
  temperature: boolean;
  /** USD per 1M tokens, us-east-1 on-demand list price. Absent when not known. */
  cost?: ModelCost;
  /** ISO date (YYYY-MM-DD) the price was taken. */
  priceDate?: string;
}

export const modelInputSchema = z.enum(['text', 'image', 'document']);

export const modelCostSchema = z.object({
  input: z.number().nonnegative(),
  output: z.number().nonnegative(),
  cacheRead: z.number().nonnegative(),
  cacheWrite: z.number().nonnegative(),
});

export const modelCapabilitiesSchema = z.object({
  contextWindow: z.number().int().positive(),
  maxTokens: z.number().int().positive(),
  reasoning: z.boolean(),
  reasoningDialect: z.enum([
    'none',
    'anthropic-budget',
    'anthropic-adaptive',
    'reasoning-effort',
    'nova-reasoning-config',
    'always-on',
  ]),
  input: z.array(modelInputSchema).min(1),
  toolUse: z.boolean(),
  promptCaching: z.boolean(),
  temperature: z.boolean(),
  cost: modelCostSchema.optional(),
  priceDate: z.iso.date().optional(),
  systemPrompt: z.boolean().optional(),
  toolChoice: z.array(z.enum(['auto', 'any', 'tool'])).optional(),
  structuredOutput: z.boolean().optional(),
  serviceTiers: z.array(z.enum(['default', 'priority', 'flex', 'reserved'])).optional(),
  promptCacheMinTokens: z.number().int().positive().optional(),
  promptCacheLongTtl: z.boolean().optional(),
  citations: z.boolean().optional(),
  countTokens: z.boolean().optional(),
});

export const ZERO_COST: Readonly<ModelCost> = Object.freeze({
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
});

/** Capabilities for a model the table does not know: the configured defaults and nothing assumed. */
export function defaultCapabilities(
  defaults: { contextWindow: number; maxTokens: number },
  input: ModelInput[] = ['text'],
): ModelCapabilities {
  return {
    contextWindow: defaults.contextWindow,
    maxTokens: defaults.maxTokens,
    reasoning: false,
    reasoningDialect: 'none',
    input,
    toolUse: false,
    promptCaching: false,
    temperature: true,
  };
}
