// The 2026 Converse features per model family, kept apart from the price/limit rows of the table because
// they follow families, not individual releases. Sources are named per rule; re-check them when AWS adds models.
import type { ModelFeatures, ServiceTierName } from './capabilities.js';

const ALL_TIERS: readonly ServiceTierName[] = ['default', 'priority', 'flex'];

/** Claude releases from 4.5 on (Sonnet 4.5, Haiku 4.5, Opus 4.5, 4.6, Sonnet 4.6, Opus 4.7). */
const CLAUDE_45_PLUS = /^anthropic\.claude-(sonnet-4-5|haiku-4-5|opus-4-5|opus-4-6|sonnet-4-6|opus-4-7)/;
/** Claude releases that take Converse `citations` on documents (Claude 3.5 Sonnet v2 and later, not Haiku 3). */
const CLAUDE_CITATIONS =
  /^anthropic\.claude-(3-5-sonnet-20241022|3-5-haiku|3-7-sonnet|sonnet-4|opus-4|haiku-4-5)/;
/** Claude releases Bedrock CountTokens accepts (Claude 3.5 Haiku and later). */
const CLAUDE_COUNT_TOKENS =
  /^anthropic\.claude-(3-5-haiku|3-5-sonnet-20241022|3-7-sonnet|sonnet-4|opus-4|haiku-4-5)/;

/**
 * Minimum tokens of prompt before a cache checkpoint (AWS "Prompt caching for faster model inference",
 * supported models table: Claude 3.7 Sonnet and Sonnet/Opus 4 1,024; Claude 3.5 Haiku 2,048; Claude Haiku 4.5
 * and Opus 4.5 and later 4,096; Nova 1,000). A checkpoint below it is accepted but caches nothing.
 */
function cacheMinimum(id: string): number | undefined {
  if (/^anthropic\.claude-3-5-haiku/.test(id)) return 2048;
  if (/^anthropic\.claude-(haiku-4-5|opus-4-5|opus-4-6|opus-4-7)/.test(id)) return 4096;
  if (/^anthropic\.claude-(3-7-sonnet|sonnet-4|opus-4)/.test(id)) return 1024;
  if (/^amazon\.nova-/.test(id)) return 1000;
  return undefined;
}

/**
 * Features of a base model id. Defaults (unknown families): a system prompt, the default tier only, nothing else.
 * - structuredOutput: AWS "Get validated JSON results from models" (GA 2026-02-04) names Claude Sonnet 4.5,
 *   Haiku 4.5, Opus 4.5 and 4.6 for Converse `outputConfig.textFormat`; open-weight models (gpt-oss, Qwen3,
 *   DeepSeek V3) through `response_format`, which Converse maps to the same field.
 * - serviceTiers: AWS "Service tiers for optimizing performance and cost" (Nov 2025): Priority and Flex on the
 *   open-weight families (gpt-oss, Qwen3, DeepSeek) and Nova; Standard everywhere. Reserved is arranged with
 *   an account team and cannot be checked from here, so it is never listed.
 * - promptCacheLongTtl: the prompt-caching page: "Claude Opus 4.5, Claude Haiku 4.5 and Claude Sonnet 4.5
 *   support an extended 1 hour TTL" (and the releases after them).
 * - systemPrompt: the Converse "Supported models and model features" table: no system prompt for Titan Text
 *   and for Mistral 7B / Mixtral 8x7B Instruct.
 */
export function modelFeatures(baseModelId: string): ModelFeatures {
  const id = baseModelId;
  const openWeightTiers = /^(openai\.gpt-oss|qwen\.qwen3|deepseek\.v3)/.test(id);
  const novaTiers = /^amazon\.nova-(lite|pro|premier|2-lite)/.test(id);
  const minimum = cacheMinimum(id);
  return {
    systemPrompt: !/^(amazon\.titan-text|mistral\.(mistral-7b|mixtral-8x7b))/.test(id),
    structuredOutput: CLAUDE_45_PLUS.test(id) || openWeightTiers,
    serviceTiers: openWeightTiers || novaTiers ? [...ALL_TIERS] : ['default'],
    ...(minimum ? { promptCacheMinTokens: minimum } : {}),
    promptCacheLongTtl: CLAUDE_45_PLUS.test(id),
    citations: CLAUDE_CITATIONS.test(id),
    countTokens: CLAUDE_COUNT_TOKENS.test(id),
  };
}
