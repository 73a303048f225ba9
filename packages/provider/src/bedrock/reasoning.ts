// Reasoning level -> each model family's request dialect, with maxTokens raised to fit a budget.
import type { ReasoningLevel } from '../spec.js';
import type { Warning } from '../stream-parts.js';
import type { ModelTraits } from './model-traits.js';

/** Claude extended-thinking budgets per level (budget_tokens). */
export const THINKING_BUDGETS: Record<Exclude<ReasoningLevel, 'off'>, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  max: 32000,
};
const MIN_BUDGET = 1024;
const DEFAULT_OUTPUT_TOKENS = 4096;

const ADAPTIVE_EFFORT: Record<Exclude<ReasoningLevel, 'off'>, string> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  max: 'max',
};
const REASONING_EFFORT: Record<Exclude<ReasoningLevel, 'off'>, string> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  max: 'high',
};

export interface ReasoningPlan {
  /** Merged into additionalModelRequestFields. */
  fields?: Record<string, unknown>;
  maxTokens: number | undefined;
  /** Claude thinking is on: temperature/topP and forced tool choice are not allowed. */
  thinking: boolean;
  warnings: Warning[];
}

export function planReasoning(
  level: ReasoningLevel | undefined,
  traits: ModelTraits,
  requestedMaxTokens: number | undefined,
  options: { toolsEnabled: boolean },
): ReasoningPlan {
  const warnings: Warning[] = [];
  const none = { maxTokens: requestedMaxTokens, thinking: false, warnings };
  if (traits.reasoningDialect === 'always-on') {
    if (level === 'off')
      warnings.push(unsupported('This model always reasons; reasoning "off" was ignored.'));
    return none;
  }
  if (!level || level === 'off') return none;
  if (!traits.reasoning || traits.reasoningDialect === 'none') {
    const why = traits.reasoning ? 'has no known reasoning switch' : 'does not reason';
    warnings.push(unsupported(`This model ${why}; reasoning "${level}" was ignored.`));
    return none;
  }
  switch (traits.reasoningDialect) {
    case 'anthropic-adaptive':
      return {
        fields: { thinking: { type: 'adaptive' }, output_config: { effort: ADAPTIVE_EFFORT[level] } },
        maxTokens: requestedMaxTokens,
        thinking: true,
        warnings,
      };
    case 'nova-reasoning-config':
      return {
        fields: { reasoningConfig: { type: 'enabled', maxReasoningEffort: REASONING_EFFORT[level] } },
        maxTokens: requestedMaxTokens,
        thinking: false,
        warnings,
      };
    case 'reasoning-effort':
      return {
        fields: { reasoning_effort: REASONING_EFFORT[level] },
        maxTokens: requestedMaxTokens,
        thinking: false,
        warnings,
      };
    default:
      return budgetPlan(level, traits, requestedMaxTokens, options.toolsEnabled, warnings);
  }
}

function budgetPlan(
  level: Exclude<ReasoningLevel, 'off'>,
  traits: ModelTraits,
  requestedMaxTokens: number | undefined,
  toolsEnabled: boolean,
  warnings: Warning[],
): ReasoningPlan {
  let budget = THINKING_BUDGETS[level];
  // The budget counts against maxTokens, so room for the answer is added on top, up to the model's limit.
  const ceiling = traits.maxTokens ?? Number.POSITIVE_INFINITY;
  const maxTokens = Math.min((requestedMaxTokens ?? DEFAULT_OUTPUT_TOKENS) + budget, ceiling);
  if (maxTokens <= budget) budget = maxTokens - MIN_BUDGET;
  if (budget < MIN_BUDGET) {
    warnings.push(
      unsupported(`maxTokens ${maxTokens} leaves no room for a thinking budget; reasoning is off.`),
    );
    return { maxTokens: requestedMaxTokens, thinking: false, warnings };
  }
  const fields: Record<string, unknown> = { thinking: { type: 'enabled', budget_tokens: budget } };
  // Interleaved thinking lets Claude think between tool calls in one turn.
  if (toolsEnabled) fields.anthropic_beta = ['interleaved-thinking-2025-05-14'];
  return { fields, maxTokens, thinking: true, warnings };
}

function unsupported(message: string): Warning {
  return { code: 'unsupported-setting', setting: 'reasoning', message };
}
