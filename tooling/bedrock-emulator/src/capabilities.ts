// What a model accepts, from its catalog entry, answered with Bedrock's messages. Each message names where it
// was seen; the README lists the ones that could not be verified.
import type { CatalogModel } from './catalog-types.js';
import { type AwsError, awsError } from './http-io.js';
import { checkMedia } from './media-checks.js';
import { promptTokens } from './prompt-tokens.js';
import type { ContentBlock, ConverseBody } from './request-body.js';
import { verifyThinking } from './thinking-signatures.js';

const invalid = (message: string) => awsError('ValidationException', message);
const fromModel = (message: string) => invalid(`The model returned the following errors: ${message}`);

type Check = (body: ConverseBody, model: CatalogModel) => AwsError | undefined;

const system: Check = (body, model) => {
  if (model.systemPrompts !== false || (body.system ?? []).length === 0) return undefined;
  // instructor #1753, LibreChat #6456.
  return invalid(
    "This model doesn't support system messages. Try again without a system message or use a model that supports system messages.",
  );
};

const toolChoice: Check = (body, model) => {
  const choice = body.toolConfig?.toolChoice;
  if (!choice || typeof choice !== 'object') return undefined;
  const kind = (['auto', 'any', 'tool'] as const).find((key) => choice[key] !== undefined);
  if (!kind) return undefined;
  if (model.toolChoices && !model.toolChoices.includes(kind)) {
    // strands-agents/harness-sdk #1241.
    return invalid(
      `This model doesn't support the toolConfig.toolChoice.${kind} field. Remove toolConfig.toolChoice.${kind} and try again.`,
    );
  }
  const name = choice.tool?.name;
  const names = (body.toolConfig?.tools ?? []).flatMap((tool) =>
    tool.toolSpec?.name ? [tool.toolSpec.name] : [],
  );
  if (kind === 'tool' && !names.includes(String(name))) {
    // Claude's wording for an unknown forced tool; not verified on Bedrock (README).
    return fromModel(`tool_choice.name: Tool '${name}' not found in provided tools`);
  }
  return undefined;
};

const MODALITY_FIELDS = [
  ['image', 'IMAGE'],
  ['video', 'VIDEO'],
  ['document', undefined],
  ['audio', undefined],
] as const;

function supports(model: CatalogModel, field: (typeof MODALITY_FIELDS)[number][0]): boolean {
  if (field === 'image') return model.inputModalities.includes('IMAGE');
  if (field === 'video') return model.inputModalities.includes('VIDEO');
  if (field === 'document') return model.documents !== false;
  return model.audio === true || model.audio === undefined;
}

const modalities: Check = (body, model) => {
  for (const message of body.messages ?? []) {
    const blocks: ContentBlock[] = [...(message.content ?? [])];
    for (const block of message.content ?? [])
      blocks.push(...((block.toolResult?.content ?? []) as ContentBlock[]));
    for (const block of blocks) {
      for (const [field] of MODALITY_FIELDS) {
        if (block?.[field] === undefined || supports(model, field)) continue;
        // Seen for documents (aws-samples/amazon-bedrock-client-for-mac #137); the same form for the others.
        return invalid(`This model doesn't support the ${field} field for ${message.role} messages.`);
      }
    }
  }
  return undefined;
};

const thinking: Check = (body, model) => {
  const fields = body.additionalModelRequestFields ?? {};
  const requested = fields.thinking as { type?: string; budget_tokens?: unknown } | undefined;
  if (!requested || !model.thinking) return undefined;
  if (
    model.thinking === 'adaptive' &&
    (requested.type === 'enabled' || requested.budget_tokens !== undefined)
  ) {
    // earendil-works/pi #7081 (Claude Opus 5 on Bedrock).
    return fromModel(
      '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
    );
  }
  if (model.thinking === 'budget' && requested.type === 'adaptive') {
    // Mirror of the message above; not verified (README).
    return fromModel(
      '"thinking.type.adaptive" is not supported for this model. Use "thinking.type.enabled" with "budget_tokens".',
    );
  }
  return undefined;
};

const reasoningHistory: Check = (body, model) => {
  if (model.providerName !== 'Anthropic') return undefined;
  for (const [i, message] of (body.messages ?? []).entries()) {
    for (const [j, block] of (message.content ?? []).entries()) {
      const reasoning = (block.reasoningContent as { reasoningText?: { text?: string; signature?: string } })
        ?.reasoningText;
      if (!reasoning) continue;
      if (!reasoning.signature) {
        // can1357/oh-my-pi #10486 (Claude on Bedrock, through the Messages API) and #333 (Converse without a
        // signature); the wording through Converse is assumed to be the same.
        return fromModel(`messages.${i}.content.${j}.thinking.signature: Field required`);
      }
      if (verifyThinking(reasoning.text ?? '', reasoning.signature) === 'invalid') {
        // openclaw/openclaw #88020 (Claude Sonnet 4.6 through Converse), chenhg5/cc-connect #897. The index is
        // the Converse block's; Claude's may differ where cachePoint blocks come before it.
        return fromModel(`messages.${i}.content.${j}: Invalid signature in thinking block`);
      }
    }
  }
  return undefined;
};

const additionalFields: Check = (body, model) => {
  const allowed = model.additionalFields;
  const fields = body.additionalModelRequestFields;
  if (!allowed || !fields || typeof fields !== 'object') return undefined;
  const permitted = model.thinking || model.reasoning ? allowed : allowed.filter((key) => key !== 'thinking');
  const extra = Object.keys(fields).filter((key) => !permitted.includes(key));
  if (extra.length === 0) return undefined;
  // The Claude schema validator's wording (BerriAI/litellm #9106; traceloop/openllmetry #3390 on Converse).
  return invalid(
    `Malformed input request: ${extra.map((key) => `#: extraneous key [${key}] is not permitted`).join('')}, please reformat your input and try again.`,
  );
};

interface CachePointAt {
  ttl: string;
  path: string;
}

function cachePoints(body: ConverseBody): CachePointAt[] {
  const points: CachePointAt[] = [];
  const add = (block: unknown, path: string) => {
    const point = (block as { cachePoint?: { ttl?: string } } | undefined)?.cachePoint;
    if (point) points.push({ ttl: point.ttl ?? '5m', path });
  };
  // Anthropic's order: tools, system, messages; a cachePoint marks the block before it.
  for (const [i, tool] of (body.toolConfig?.tools ?? []).entries()) add(tool, `tools.${Math.max(0, i - 1)}`);
  for (const [i, block] of (body.system ?? []).entries()) add(block, `system.${Math.max(0, i - 1)}`);
  for (const [i, message] of (body.messages ?? []).entries()) {
    for (const [j, block] of (message.content ?? []).entries()) {
      add(block, `messages.${i}.content.${Math.max(0, j - 1)}`);
    }
  }
  return points;
}

const caching: Check = (body, model) => {
  const points = cachePoints(body);
  if (points.length === 0) return undefined;
  if (model.promptCaching === false) {
    // BerriAI/litellm #39210: Bedrock's answer to cache points on a model without prompt caching.
    return awsError(
      'AccessDeniedException',
      'You invoked an unsupported model or your request did not allow prompt caching.',
    );
  }
  for (const point of points) {
    if (model.cacheTtls && !model.cacheTtls.includes(point.ttl as '5m')) {
      // Not verified (README).
      return fromModel(`${point.path}.cache_control.ttl: ttl '${point.ttl}' is not supported for this model`);
    }
  }
  const firstShort = points.findIndex((point) => point.ttl === '5m');
  const lateLong = points.findIndex((point, i) => i > firstShort && firstShort >= 0 && point.ttl === '1h');
  if (model.providerName === 'Anthropic' && lateLong >= 0) {
    // Portkey-AI/gateway #1762.
    return fromModel(
      `${points[lateLong]!.path}.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: \`tools\`, \`system\`, \`messages\`.`,
    );
  }
  return undefined;
};

const contextWindow: Check = (body, model) => {
  const window = model.contextWindow;
  if (!window) return undefined;
  const input = promptTokens(body);
  const maxTokens = body.inferenceConfig?.maxTokens;
  const claude = model.providerName === 'Anthropic';
  if (input > window) {
    // Claude: aaif-goose/goose #7504; other models: aws-samples/bedrock-chat #95.
    return claude
      ? fromModel(`prompt is too long: ${input} tokens > ${window} maximum`)
      : invalid('Input is too long for requested model.');
  }
  if (typeof maxTokens === 'number' && input + maxTokens > window) {
    // Anthropic's wording (continuedev/continue #6080), as Bedrock relays Claude's errors.
    return claude
      ? fromModel(
          `input length and \`max_tokens\` exceed context limit: ${input} + ${maxTokens} > ${window}, decrease input length or \`max_tokens\` and try again`,
        )
      : invalid('Input is too long for requested model.');
  }
  return undefined;
};

const serviceTier: Check = (body, model) => {
  const tier = (body.serviceTier as { type?: string } | undefined)?.type;
  if (!tier || !model.serviceTiers || model.serviceTiers.includes(tier as 'default')) return undefined;
  // Reserved without a reservation: envoyproxy/ai-gateway #1749. Other tiers: the answer observed live for
  // flex on a Claude model (zchryr/bumptriage scripts/bedrock-smoke.mjs, 2026-08-01, InvokeModel; the same
  // check is assumed for Converse). It names no tier.
  if (tier === 'reserved') return invalid('Reservation not found.');
  return invalid('The provided service tier is not supported for this model.');
};

const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'];

const features: Check = (body, model) => {
  const effort = (body.outputConfig as { effort?: string } | undefined)?.effort;
  if (effort !== undefined && !EFFORTS.includes(effort)) {
    // The values the API reference lists for OutputConfig.effort; Claude's wording not verified (README).
    return fromModel(`output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'`);
  }
  const format = (body.outputConfig as { textFormat?: unknown } | undefined)?.textFormat;
  if (format && model.structuredOutput === false) {
    // Not verified (README).
    return invalid(
      "This model doesn't support the outputConfig.textFormat field. Remove outputConfig.textFormat and try again.",
    );
  }
  return undefined;
};

const citations: Check = (body, model) => {
  if (model.citations !== false) return undefined;
  for (const message of body.messages ?? []) {
    for (const block of message.content ?? []) {
      if ((block.document as { citations?: { enabled?: boolean } } | undefined)?.citations?.enabled) {
        // Not verified (README).
        return invalid("This model doesn't support citations. Remove document.citations and try again.");
      }
    }
  }
  return undefined;
};

const promptVariables: Check = (body) => {
  if (body.promptVariables === undefined) return undefined;
  // Prompt variables fill a prompt from Prompt management (an ARN as modelId); the emulator serves no prompt
  // resources, so they can never apply. Wording not verified (README).
  return invalid(
    'promptVariables can only be used when the modelId is the ARN of a prompt from Prompt management.',
  );
};

const CHECKS: Check[] = [
  promptVariables,
  system,
  toolChoice,
  modalities,
  thinking,
  reasoningHistory,
  additionalFields,
  caching,
  serviceTier,
  features,
  citations,
];

/** The first refusal of a request the model cannot serve, if any. */
export function checkCapabilities(
  body: ConverseBody,
  model: CatalogModel,
  streaming = false,
): AwsError | undefined {
  if (streaming && model.toolUseStreaming === false && (body.toolConfig?.tools ?? []).length > 0) {
    // earendil-works/pi #3739 (Llama 4 on ConverseStream); the models: AWS's Converse feature table.
    return invalid("This model doesn't support tool use in streaming mode.");
  }
  for (const check of CHECKS) {
    const error = check(body, model);
    if (error) return error;
  }
  return checkMedia(body) ?? contextWindow(body, model);
}
