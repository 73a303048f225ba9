// Context + call options -> one ConverseStream request. Pure: no I/O, every adjustment is a warning.
import { ProviderError } from '../errors.js';
import type { CallOptions, Context, Message, ModelSpec } from '../spec.js';
import type { Warning } from '../stream-parts.js';
import type { BedrockConverseRequest, BedrockToolChoice } from './bedrock-types.js';
import { hasLongCacheTtl, placeCachePoints } from './cache-points.js';
import { toBedrockMessages } from './message-mapping.js';
import { type CapabilityLookup, type ModelTraits, modelTraits } from './model-traits.js';
import { parseBedrockProviderOptions } from './provider-options.js';
import { planReasoning } from './reasoning.js';
import { createToolNameMap, type ToolNameMap } from './tool-names.js';

export interface MappedRequest {
  request: BedrockConverseRequest;
  warnings: Warning[];
  traits: ModelTraits;
  /** Tool names as sent to Bedrock, and back. */
  toolNames: ToolNameMap;
}

export function toConverseStreamRequest(
  model: ModelSpec,
  context: Context,
  options: CallOptions = {},
  lookup?: CapabilityLookup,
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
  if (reasoning.maxTokens !== undefined) inference.maxTokens = reasoning.maxTokens;
  if (options.temperature !== undefined) {
    if (!traits.temperature)
      warnings.push(warn('unsupported-setting', 'temperature', 'This model rejects temperature.'));
    else if (reasoning.thinking) {
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
  if (extras.serviceTier) request.serviceTier = extras.serviceTier;
  if (extras.performanceConfig) request.performanceConfig = extras.performanceConfig;
  if (extras.requestMetadata) request.requestMetadata = extras.requestMetadata;

  warnings.push(
    ...placeCachePoints(request, {
      retention: options.cacheRetention,
      promptCaching: traits.promptCaching,
      toolCachePoints: traits.anthropic,
      longTtl: traits.anthropic && hasLongCacheTtl(model.id),
    }),
  );
  return { request, warnings, traits, toolNames };
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
