// Per-family capabilities of the built-in catalog, from AWS's documentation of the Converse API:
// supported features per model (docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html),
// ToolChoice (API_runtime_ToolChoice: `any`/`tool` for Anthropic Claude, Mistral Large and Amazon Nova),
// prompt caching (prompt-caching.html: minimum tokens per checkpoint, 1-hour TTL on Claude 4.5 and later),
// latency-optimized inference (latency-optimized-inference.html) and service tiers.
// Explicit fields on a model win over these defaults.
import type { CatalogModel } from './catalog-types.js';

type Capabilities = Partial<CatalogModel>;

const CLAUDE: Capabilities = {
  systemPrompts: true,
  toolChoices: ['auto', 'any', 'tool'],
  documents: true,
  contextWindow: 200_000,
  citations: true,
  additionalFields: ['thinking', 'top_k', 'anthropic_beta', 'output_config', 'inference_geo'],
  // `reserved` needs a reservation, which the emulator never has ("Reservation not found.").
  serviceTiers: ['default', 'flex', 'priority'],
  cacheTtls: ['5m'],
  cacheMinTokens: 1024,
};

function claude(model: CatalogModel): Capabilities {
  const id = model.modelId;
  const modern = /claude-(sonnet|opus|haiku)-4-5|claude-opus-4-[6-9]|claude-sonnet-4-[6-9]/.test(id);
  return {
    ...CLAUDE,
    // Haiku 3.5 and 4.5 need 2048 and 4096 tokens per checkpoint (prompt-caching.html).
    ...(/haiku-4-5/.test(id)
      ? { cacheMinTokens: 4096 }
      : /3-5-haiku/.test(id)
        ? { cacheMinTokens: 2048 }
        : {}),
    ...(modern ? { cacheTtls: ['5m', '1h'], structuredOutput: true } : { structuredOutput: false }),
    ...(model.reasoning ? { thinking: 'budget-or-adaptive' as const } : {}),
    latencyOptimized: /3-5-haiku/.test(id),
  };
}

function nova(model: CatalogModel): Capabilities {
  const id = model.modelId;
  return {
    systemPrompts: true,
    toolChoices: ['auto', 'any', 'tool'],
    documents: !/micro/.test(id),
    contextWindow: /premier|nova-2/.test(id) ? 1_000_000 : /micro/.test(id) ? 128_000 : 300_000,
    additionalFields: ['inferenceConfig', 'reasoningConfig'],
    serviceTiers: ['default', 'flex', 'priority'],
    cacheTtls: ['5m'],
    cacheMinTokens: 1000,
    ...(model.reasoning ? { thinking: 'nova' as const } : {}),
    latencyOptimized: /nova-pro/.test(id),
  };
}

function family(model: CatalogModel): Capabilities {
  const id = model.modelId;
  if (model.providerName === 'Anthropic') return claude(model);
  if (id.startsWith('amazon.nova')) return nova(model);
  if (id.startsWith('amazon.titan-text')) {
    return { systemPrompts: false, documents: true, contextWindow: 8_192, additionalFields: [] };
  }
  if (id.startsWith('meta.')) {
    return {
      systemPrompts: true,
      toolChoices: /llama3-1|llama3-3|llama4/.test(id) ? ['auto'] : [],
      // Converse supports streaming tool use for no Llama model (conversation-inference-supported-models-features.html).
      toolUseStreaming: false,
      documents: true,
      contextWindow: /llama3-70b/.test(id) ? 8_192 : 128_000,
      additionalFields: ['top_k'],
      latencyOptimized: /llama3-1-(70|405)b/.test(id),
    };
  }
  if (id.startsWith('mistral.')) {
    const large = /large/.test(id);
    return {
      // Mistral 7B and Mixtral take no system prompt on Converse (instructor #1753).
      systemPrompts: large,
      toolChoices: large ? ['auto', 'any', 'tool'] : [],
      documents: true,
      contextWindow: large ? 128_000 : 32_000,
      additionalFields: ['top_k'],
    };
  }
  if (id.startsWith('deepseek.')) {
    return {
      systemPrompts: true,
      toolChoices: /v3/.test(id) ? ['auto'] : [],
      contextWindow: 128_000,
      additionalFields: [],
    };
  }
  if (id.startsWith('openai.') || id.startsWith('qwen.')) {
    return {
      systemPrompts: true,
      toolChoices: ['auto', 'any', 'tool'],
      contextWindow: 128_000,
      additionalFields: ['reasoning_effort', 'top_k'],
    };
  }
  if (id.startsWith('cohere.command-r')) {
    return {
      systemPrompts: true,
      toolChoices: ['auto'],
      documents: true,
      contextWindow: 128_000,
      additionalFields: [],
    };
  }
  if (id.startsWith('ai21.jamba')) {
    return {
      systemPrompts: true,
      toolChoices: ['auto'],
      documents: true,
      contextWindow: 256_000,
      additionalFields: [],
    };
  }
  return {};
}

/** The model with its family's capabilities filled in where it states none. */
export function withCapabilities(model: CatalogModel): CatalogModel {
  // Only Claude states citations and structured output (set in claude()); the rest offer neither.
  const defaults: Partial<CatalogModel> = {
    citations: false,
    structuredOutput: false,
    audio: false,
    serviceTiers: ['default'],
    ...family(model),
  };
  const filled = { ...model };
  for (const [key, value] of Object.entries(defaults)) {
    if ((filled as Record<string, unknown>)[key] === undefined)
      (filled as Record<string, unknown>)[key] = value;
  }
  // A model without promptCaching takes no cache points at all.
  if (!model.promptCaching) {
    filled.promptCaching = false;
    delete filled.cacheMinTokens;
    delete filled.cacheTtls;
  }
  return filled;
}
