// Pre-flight capability checks: a request Bedrock would answer with a 400 never leaves the process. Each
// failure is a located `validation` error naming its rule. They apply to models the capability table (or the
// spec's declared capabilities) describes; `providerOptions['amazon-bedrock'].preflight: false` sends anyway.
import { ProviderError } from '../errors.js';
import type { CallOptions, Context } from '../spec.js';
import type { BedrockConverseRequest } from './bedrock-types.js';
import { countCachePoints, MAX_CACHE_POINTS } from './cache-points.js';
import type { ModelTraits } from './model-traits.js';
import { estimateInputTokens } from './token-estimate.js';

export type PreflightRule =
  | 'tool_use_unsupported'
  | 'tool_choice_unsupported'
  | 'system_prompt_unsupported'
  | 'input_modality_unsupported'
  | 'thinking_unsupported'
  | 'thinking_dialect'
  | 'context_window_exceeded'
  | 'max_tokens_exceeded'
  | 'cache_points_exceeded'
  | 'service_tier_unsupported'
  | 'project_application_profile';

export class PreflightError extends ProviderError {
  constructor(rule: PreflightRule, message: string, location: string) {
    super('validation', `${message} (pre-flight rule ${rule}; nothing was sent to Bedrock)`, {
      rule,
      location,
    });
    this.name = 'PreflightError';
  }
}

export interface PreflightInput {
  request: BedrockConverseRequest;
  context: Context;
  options: CallOptions;
  traits: ModelTraits;
  /** The model id as the caller named it, for messages. */
  modelId: string;
}

/** Throws the first broken rule. Structural rules (cache points, maxTokens) apply to every model. */
export function checkPreflight(input: PreflightInput): void {
  const { request, traits, modelId } = input;
  const maxTokens = request.inferenceConfig?.maxTokens;
  if (maxTokens !== undefined && traits.maxTokens !== undefined && maxTokens > traits.maxTokens) {
    fail(
      'max_tokens_exceeded',
      `maxTokens ${maxTokens} is over ${modelId}'s maximum of ${traits.maxTokens}`,
      'options.maxTokens',
    );
  }
  const cachePoints = countCachePoints(request);
  if (cachePoints > MAX_CACHE_POINTS) {
    fail(
      'cache_points_exceeded',
      `${cachePoints} cache points; Bedrock allows at most ${MAX_CACHE_POINTS} per request`,
      'cachePoint',
    );
  }
  const tier = request.serviceTier?.type;
  if (tier && traits.serviceTiers && !traits.serviceTiers.includes(tier)) {
    fail(
      'service_tier_unsupported',
      `${modelId} has no "${tier}" service tier (it has ${traits.serviceTiers.join(', ')})`,
      'options.serviceTier',
    );
  }
  // ConverseStream API reference, projectIdentifier: "Application inference profiles don't support non-default
  // projects."
  const project = request.projectIdentifier;
  if (project && project !== 'default' && /:application-inference-profile\//.test(modelId)) {
    fail(
      'project_application_profile',
      `project "${project}" cannot be used with an application inference profile (use its default project)`,
      'providerOptions.amazon-bedrock.projectIdentifier',
    );
  }
  if (!traits.known) return;
  if (request.toolConfig && !traits.toolUse) {
    fail('tool_use_unsupported', `${modelId} does not support tool use`, 'context.tools');
  }
  const choice = request.toolConfig?.toolChoice;
  const kind = choice ? (Object.keys(choice)[0] as 'auto' | 'any' | 'tool') : undefined;
  if (kind && traits.toolChoice && !traits.toolChoice.includes(kind)) {
    fail(
      'tool_choice_unsupported',
      `${modelId} cannot be forced to call a tool (toolChoice "${kind}"; it takes ${traits.toolChoice.join(', ')})`,
      'options.toolChoice',
    );
  }
  if (request.system?.length && !traits.systemPrompt) {
    fail('system_prompt_unsupported', `${modelId} does not take a system prompt`, 'context.system');
  }
  checkModalities(input);
  checkThinking(input);
  if (traits.contextWindow) {
    const estimate = estimateInputTokens(request);
    if (estimate > traits.contextWindow) {
      fail(
        'context_window_exceeded',
        `the input is about ${estimate} tokens (estimated at 4 characters a token), over ${modelId}'s context window of ${traits.contextWindow}`,
        'context.messages',
      );
    }
  }
}

function checkModalities({ context, traits, modelId }: PreflightInput): void {
  const accepted = traits.input;
  if (!accepted) return;
  context.messages.forEach((message, m) => {
    if (typeof message.content === 'string' || message.role === 'assistant') return;
    message.content.forEach((block, b) => {
      if ((block.type === 'image' || block.type === 'document') && !accepted.includes(block.type)) {
        fail(
          'input_modality_unsupported',
          `${modelId} does not accept ${block.type} input (it takes ${accepted.join(', ')})`,
          `context.messages[${m}].content[${b}]`,
        );
      }
    });
  });
}

/** Raw reasoning fields passed through additionalModelRequestFields must match the model's dialect. */
function checkThinking({ request, traits, modelId }: PreflightInput): void {
  const fields = request.additionalModelRequestFields;
  if (!fields) return;
  const where = 'additionalModelRequestFields';
  const thinking = fields.thinking as { type?: unknown } | undefined;
  const sent = [
    thinking?.type === 'enabled' || thinking?.type === 'adaptive' ? 'thinking' : undefined,
    fields.reasoningConfig ? 'reasoningConfig' : undefined,
    fields.reasoning_effort ? 'reasoning_effort' : undefined,
  ].filter((name): name is string => name !== undefined);
  if (!sent.length) return;
  if (!traits.reasoning || traits.reasoningDialect === 'none' || traits.reasoningDialect === 'always-on') {
    fail(
      'thinking_unsupported',
      `${modelId} has no reasoning switch; ${sent[0]} was set`,
      `${where}.${sent[0]}`,
    );
  }
  const expected: Record<string, string> = {
    'anthropic-budget': 'thinking',
    'anthropic-adaptive': 'thinking',
    'nova-reasoning-config': 'reasoningConfig',
    'reasoning-effort': 'reasoning_effort',
  };
  const wanted = expected[traits.reasoningDialect];
  for (const name of sent) {
    if (name !== wanted) {
      fail('thinking_dialect', `${modelId} reasons through ${wanted}, not ${name}`, `${where}.${name}`);
    }
  }
  if (thinking?.type === 'adaptive' && traits.reasoningDialect === 'anthropic-budget') {
    fail(
      'thinking_dialect',
      `${modelId} has no adaptive thinking; use type "enabled" with budget_tokens`,
      `${where}.thinking`,
    );
  }
  // Opus 4.7 and later accept only adaptive thinking: `enabled` + budget_tokens is a 400 there.
  if (thinking?.type === 'enabled' && adaptiveOnly(modelId)) {
    fail('thinking_dialect', `${modelId} accepts only thinking type "adaptive"`, `${where}.thinking`);
  }
}

function adaptiveOnly(modelId: string): boolean {
  const match = /anthropic\.claude-opus-(\d+)-(\d+)/.exec(modelId);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 4 || (major === 4 && minor >= 7 && minor < 100);
}

function fail(rule: PreflightRule, message: string, location: string): never {
  throw new PreflightError(rule, message, location);
}
