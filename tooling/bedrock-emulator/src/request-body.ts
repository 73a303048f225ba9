// The parts of a Converse / ConverseStream body the emulator reads. The JSON is checked by validation.ts;
// these types only describe it.

export interface ContentBlock {
  text?: string;
  image?: { format?: string; source?: unknown };
  document?: { format?: string; name?: string; source?: unknown };
  toolUse?: { toolUseId?: string; name?: string; input?: unknown };
  toolResult?: { toolUseId?: string; content?: Record<string, unknown>[]; status?: string };
  cachePoint?: { type?: string; ttl?: string };
  reasoningContent?: unknown;
  [other: string]: unknown;
}

export interface Message {
  role?: string;
  content?: ContentBlock[];
}

export interface ToolSpec {
  name?: string;
  description?: string;
  inputSchema?: { json?: unknown };
}

export interface ConverseBody {
  messages?: Message[];
  system?: ContentBlock[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: {
    tools?: { toolSpec?: ToolSpec; cachePoint?: unknown; systemTool?: unknown }[];
    toolChoice?: { auto?: unknown; any?: unknown; tool?: { name?: string } };
  };
  guardrailConfig?: { guardrailIdentifier?: string; guardrailVersion?: string; trace?: string };
  additionalModelRequestFields?: Record<string, unknown>;
  additionalModelResponseFieldPaths?: string[];
  [other: string]: unknown;
}

/** Thinking requested in any of the dialects Bedrock models accept. */
export function thinkingRequest(body: ConverseBody): { budgetTokens?: number } | undefined {
  const fields = body.additionalModelRequestFields ?? {};
  const thinking = fields.thinking as { type?: string; budget_tokens?: number } | undefined;
  if (thinking?.type === 'enabled' || thinking?.type === 'adaptive') {
    return thinking.budget_tokens === undefined ? {} : { budgetTokens: thinking.budget_tokens };
  }
  const nova = (fields.reasoningConfig ?? fields.reasoning_config) as { type?: string } | undefined;
  if (nova?.type === 'enabled') return {};
  if (typeof fields.reasoning_effort === 'string') return {};
  return undefined;
}

/** The text of the last user message (tool results rendered briefly), with scenario markers removed. */
export function lastUserText(body: ConverseBody, stripMarker: (text: string) => string): string {
  const last = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user');
  const parts: string[] = [];
  for (const block of last?.content ?? []) {
    if (typeof block.text === 'string') parts.push(stripMarker(block.text));
    else if (block.toolResult) {
      const content = (block.toolResult.content ?? [])
        .map((item) => (typeof item.text === 'string' ? item.text : JSON.stringify(item.json ?? item)))
        .join(' ');
      parts.push(`Tool ${block.toolResult.toolUseId ?? ''} returned: ${content}`);
    }
  }
  return parts.join('\n').trim();
}
