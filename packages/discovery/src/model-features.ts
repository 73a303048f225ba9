// The 2026 Converse features per model family, kept apart from the price/limit rows of the table because
// they follow families, not individual releases. Sources are named per rule; re-check them when AWS adds models.
import type { ModelFeatures } from './capabilities.js';

/** Claude releases from 4.5 on (Sonnet 4.5, Haiku 4.5, Opus 4.5, 4.6, Sonnet 4.6, Opus 4.7). */
const CLAUDE_45_PLUS = /^anthropic\.claude-(sonnet-4-5|haiku-4-5|opus-4-5|opus-4-[6-9]|sonnet-4-[6-9])/;
/** Claude releases Bedrock CountTokens accepts (Claude 3.5 Haiku and later). */
const CLAUDE_COUNT_TOKENS = /^anthropic\.claude-(3-5-haiku|3-5-sonnet|3-7-sonnet|sonnet-4|opus-4|haiku-4-5)/;

/**
 * Minimum tokens of prompt before a cache checkpoint (AWS "Prompt caching for faster model inference",
 * supported models table: Claude 3.7 Sonnet and Sonnet/Opus 4 1,024; Claude 3.5 Haiku 2,048; Claude Haiku 4.5
 * 4,096; Nova 1,000). A checkpoint below it is accepted but caches nothing. Anthropic's own docs give Opus 4.5
 * and later 4,096; the emulator's catalog (and this table) keep AWS's 1,024 until AWS's table says otherwise.
 */
function cacheMinimum(id: string): number | undefined {
  if (/^anthropic\.claude-3-5-haiku/.test(id)) return 2048;
  if (/^anthropic\.claude-haiku-4-5/.test(id)) return 4096;
  if (/^anthropic\./.test(id)) return 1024;
  if (/^amazon\.nova-/.test(id)) return 1000;
  return undefined;
}

/**
 * Features of a base model id. Defaults (unknown families): a system prompt, the default tier only, nothing else.
 * These agree model by model with the emulator's catalog (tooling/bedrock-emulator catalog-capabilities.ts; a
 * discovery test holds them together).
 * - structuredOutput: AWS "Get validated JSON results from models" (GA 2026-02-04) names Claude Sonnet 4.5,
 *   Haiku 4.5, Opus 4.5 and 4.6 for Converse `outputConfig.textFormat` (and the releases after them).
 * - serviceTiers: AWS "Service tiers for optimizing performance and cost" (Nov 2025): Priority and Flex on Claude
 *   and Nova; Standard everywhere. Reserved needs a reservation arranged with an account team, which cannot be
 *   checked from here, so it is never listed.
 * - promptCacheLongTtl: the prompt-caching page: "Claude Opus 4.5, Claude Haiku 4.5 and Claude Sonnet 4.5
 *   support an extended 1 hour TTL" (and the releases after them).
 * - systemPrompt: the Converse "Supported models and model features" table: no system prompt for Titan Text,
 *   Mistral 7B / Mixtral 8x7B and Mistral Small.
 * - toolChoice: API_runtime_ToolChoice: `any` and `tool` only for Claude, Mistral Large and Nova (and the
 *   OpenAI-compatible gpt-oss / Qwen3); auto elsewhere, none for models without tool use.
 * - citations: Converse citations on documents for Claude.
 */
export function modelFeatures(baseModelId: string): ModelFeatures {
  const id = baseModelId;
  const claude = id.startsWith('anthropic.');
  const nova = id.startsWith('amazon.nova');
  const forcedChoice = claude || nova || /^(mistral\.(mistral-large|pixtral-large)|openai\.|qwen\.)/.test(id);
  const minimum = cacheMinimum(id);
  return {
    systemPrompt: !/^(amazon\.titan-text|mistral\.(mistral-7b|mixtral-8x7b|mistral-small))/.test(id),
    toolChoice: forcedChoice ? ['auto', 'any', 'tool'] : ['auto'],
    structuredOutput: CLAUDE_45_PLUS.test(id),
    serviceTiers: claude || nova ? ['default', 'flex', 'priority'] : ['default'],
    ...(minimum ? { promptCacheMinTokens: minimum } : {}),
    promptCacheLongTtl: CLAUDE_45_PLUS.test(id),
    citations: claude,
    countTokens: CLAUDE_COUNT_TOKENS.test(id),
  };
}
