// Context + call options -> one ConverseStream request. Pure: no I/O, every adjustment is a warning.
import { ProviderError } from '../errors.js';
import type { CallOptions, Context, Message, ModelSpec } from '../spec.js';
import type { Warning } from '../stream-parts.js';
import type { BedrockConverseRequest, BedrockToolChoice } from './bedrock-types.js';
import { placeCachePoints } from './cache-points.js';
import { toBedrockMessages } from './message-mapping.js';
import { type CapabilityLookup, type ModelTraits, modelTraits } from './model-traits.js';
import { type BedrockProviderOptions, parseBedrockProviderOptions } from './provider-options.js';
import { planReasoning } from './reasoning.js';
import { applyStructuredOutput, type StructuredPlan } from './structured-output.js';
import { createToolNameMap, type ToolNameMap } from './tool-names.js';

/**
 * maxTokens when the caller sets none. Bedrock reserves input + maxTokens against the tokens-per-minute quota
 * when a request starts (AWS "Token quota management" documentation), so sending a model's full maximum on
 * every call wastes quota; 4096 answers nearly every chat turn. Configurable per provider.
 */
export const DEFAULT_MAX_TOKENS = 4096;

export interface MappingSettings {
  /** Used when the call sets no maxTokens (default DEFAULT_MAX_TOKENS; capped at the model's maximum). */
  defaultMaxTokens?: number;
}

export interface MappedRequest {
  request: BedrockConverseRequest;
  warnings: Warning[];
  traits: ModelTraits;
  /** Tool names as sent to Bedrock, and back. */
  toolNames: ToolNameMap;
  /** How a responseFormat is answered, when one was asked for. */
  structured?: StructuredPlan;
  /** The pre-flight checks apply (providerOptions preflight is not false). */
  preflight: boolean;
  /** Retry once on the default tier when flex capacity is unavailable. */
  flexFallback: boolean;
}

export function toConverseStreamRequest(
  model: ModelSpec,
  context: Context,
  options: CallOptions = {},
  lookup?: CapabilityLookup,
  settings: MappingSettings = {},
): MappedRequest {
  if (!context || !Array.isArray(context.messages)) {
    throw new ProviderError('validation', 'context.messages must be an array.', {
      location: 'context.messages',
    });
  }
  const traits = modelTraits(model, lookup);
  const extras = parseBedrockProviderOptions(options.providerOptions, model.provider);
  const warnings: Warning[] = [];

  const tools = context.tools ?? [];
  const toolNames = createToolNameMap(tools.map((tool) => tool.name));
  if (Object.keys({ ...model.headers, ...options.headers }).length) {
    warnings.push(
      warn('unsupported-setting', 'headers', 'Bedrock requests carry no custom headers; they were ignored.'),
    );
  }
  let choice = options.toolChoice ?? 'auto';
  if (choice === 'none' && tools.length) {
    warnings.push(
      warn('tools-dropped', 'toolChoice', 'Bedrock has no tool choice "none"; the tools were left out.'),
    );
  }
  const toolsEnabled = tools.length > 0 && choice !== 'none';

  let reasoning = planReasoning(options.reasoning, traits, options.maxTokens, { toolsEnabled });
  if (reasoning.thinking && traits.anthropic && pendingToolTurnWithoutSignature(context.messages)) {
    // Claude rejects thinking when the assistant turn it continues has tool calls but no signed reasoning.
    warnings.push(
      warn(
        'reasoning-disabled',
        'reasoning',
        'The tool turn being continued has no signed reasoning; reasoning is off.',
      ),
    );
    reasoning = planReasoning('off', traits, options.maxTokens, { toolsEnabled });
  }
  warnings.push(...reasoning.warnings);

  const mapped = toBedrockMessages(context.messages, {
    acceptsSignedReasoning: traits.anthropic,
    toolsEnabled,
    toolName: toolNames.toBedrock,
    ...(model.input ? { input: model.input } : {}),
  });
  warnings.push(...mapped.warnings);

  const request: BedrockConverseRequest = { modelId: model.id, messages: mapped.messages };
  const system = (Array.isArray(context.system) ? context.system : [context.system ?? ''])
    .filter((text) => text.trim())
    .map((text) => ({ text }));
  if (system.length) request.system = system;

  const inference: NonNullable<BedrockConverseRequest['inferenceConfig']> = {};
  const fallbackMaxTokens = Math.min(
    settings.defaultMaxTokens ?? DEFAULT_MAX_TOKENS,
    traits.maxTokens ?? Number.POSITIVE_INFINITY,
  );
  inference.maxTokens = reasoning.maxTokens ?? fallbackMaxTokens;
  if (options.temperature !== undefined) {
    if (!traits.temperature)
      warnings.push(warn('unsupported-setting', 'temperature', 'This model rejects temperature.'));
    else if (reasoning.thinking && options.temperature !== 1) {
      // Thinking takes temperature 1 only (Anthropic: "`temperature` may only be set to 1 when thinking is
      // enabled"); Claude Code sends exactly that, so it passes without a warning.
      warnings.push(
        warn('unsupported-setting', 'temperature', 'Temperature is not allowed with Claude thinking.'),
      );
    } else inference.temperature = options.temperature;
  }
  if (options.topP !== undefined) {
    if (reasoning.thinking && options.topP < 0.95) {
      warnings.push(
        warn('unsupported-setting', 'topP', 'topP below 0.95 is not allowed with Claude thinking.'),
      );
    } else inference.topP = options.topP;
  }
  if (options.stopSequences?.length) inference.stopSequences = options.stopSequences;
  if (Object.keys(inference).length) request.inferenceConfig = inference;

  if (toolsEnabled) {
    if (reasoning.thinking && choice !== 'auto') {
      warnings.push(
        warn(
          'tool-choice-downgraded',
          'toolChoice',
          'A forced tool choice is not allowed with thinking; used auto.',
        ),
      );
      choice = 'auto';
    }
    request.toolConfig = {
      tools: tools.map((tool) => ({
        toolSpec: {
          name: toolNames.toBedrock(tool.name),
          ...(tool.description ? { description: tool.description } : {}),
          inputSchema: { json: tool.parameters ?? { type: 'object', properties: {} } },
        },
      })),
      toolChoice: toolChoice(choice === 'none' ? 'auto' : choice, toolNames),
    };
  }

  const additional = { ...reasoning.fields, ...extras.additionalModelRequestFields };
  if (Object.keys(additional).length) request.additionalModelRequestFields = additional;
  if (extras.guardrailConfig) request.guardrailConfig = extras.guardrailConfig;
  if (extras.guardrail) applyGuardrail(request, extras.guardrail);
  const tier = options.serviceTier ?? extras.serviceTier?.type;
  if (tier) request.serviceTier = { type: tier };
  if (extras.performanceConfig) request.performanceConfig = extras.performanceConfig;
  if (extras.requestMetadata) request.requestMetadata = extras.requestMetadata;
  if (extras.projectIdentifier) request.projectIdentifier = extras.projectIdentifier;

  let structured: StructuredPlan | undefined;
  if (options.responseFormat) {
    structured = applyStructuredOutput(request, options.responseFormat, {
      native: traits.structuredOutput,
      mode: extras.structuredOutputMode,
      thinking: reasoning.thinking,
      canForce: traits.toolChoice?.includes('tool') ?? true,
    });
    warnings.push(...structured.warnings);
  }

  warnings.push(
    ...placeCachePoints(request, {
      retention:
        options.cache === 'auto' ? 'auto' : options.cache === 'off' ? 'none' : options.cacheRetention,
      promptCaching: traits.promptCaching,
      toolCachePoints: traits.anthropic,
      longTtl: traits.promptCacheLongTtl,
      minTokens: traits.promptCacheMinTokens,
    }),
  );
  return {
    request,
    warnings,
    traits,
    toolNames,
    ...(structured ? { structured } : {}),
    preflight: extras.preflight !== false,
    flexFallback: extras.flexFallback === true,
  };
}

function applyGuardrail(
  request: BedrockConverseRequest,
  guardrail: NonNullable<BedrockProviderOptions['guardrail']>,
): void {
  request.guardrailConfig = {
    guardrailIdentifier: guardrail.id,
    guardrailVersion: guardrail.version,
    // Enabled by default: the finish part's assessment summary is read from the trace.
    trace: guardrail.trace ?? 'enabled',
    ...(guardrail.streamProcessingMode ? { streamProcessingMode: guardrail.streamProcessingMode } : {}),
  };
  if (guardrail.guard !== 'last-user-turn') return;
  // With guardContent blocks present, Bedrock assesses only them (API_runtime_GuardrailConfiguration).
  const last = request.messages.findLast((message) => message.role === 'user');
  if (!last) return;
  last.content = last.content.map((block) =>
    'text' in block ? { guardContent: { text: { text: block.text } } } : block,
  );
}

function toolChoice(
  choice: Exclude<CallOptions['toolChoice'], undefined | 'none'>,
  names: ToolNameMap,
): BedrockToolChoice {
  if (choice === 'auto') return { auto: {} };
  if (choice === 'required') return { any: {} };
  return { tool: { name: names.toBedrock(choice.toolName) } };
}

/** The context ends in tool results answering an assistant turn that carries no signed reasoning. */
function pendingToolTurnWithoutSignature(messages: readonly Message[]): boolean {
  if (messages.at(-1)?.role !== 'tool') return false;
  const assistant = messages.findLast((m) => m.role === 'assistant');
  if (assistant?.role !== 'assistant') return false;
  const hasToolCall = assistant.content.some((block) => block.type === 'tool-call');
  const signed = assistant.content.some((b) => b.type === 'reasoning' && (b.signature || b.redactedData));
  return hasToolCall && !signed;
}

function warn(code: string, setting: string, message: string): Warning {
  return { code, setting, message };
}
