// The subset of the Converse request shape this provider builds (structurally the SDK's
// ConverseStreamCommandInput; blobs are bytes, documents are plain JSON values).

export type CacheTtl = '5m' | '1h';
export interface CachePointBlock {
  cachePoint: { type: 'default'; ttl?: CacheTtl };
}
export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp';
export type DocumentFormat = 'pdf' | 'csv' | 'doc' | 'docx' | 'xls' | 'xlsx' | 'html' | 'txt' | 'md';

export interface ImageBlock {
  image: { format: ImageFormat; source: { bytes: Uint8Array } };
}
export type ToolResultContent = { text: string } | { json: unknown } | ImageBlock;

export type BedrockContentBlock =
  | { text: string }
  | ImageBlock
  | {
      document: {
        format: DocumentFormat;
        name: string;
        source: { bytes: Uint8Array };
        citations?: { enabled: boolean };
      };
    }
  | { toolUse: { toolUseId: string; name: string; input: unknown } }
  | { toolResult: { toolUseId: string; content: ToolResultContent[]; status?: 'success' | 'error' } }
  | { reasoningContent: { reasoningText: { text: string; signature?: string } } }
  | { reasoningContent: { redactedContent: Uint8Array } }
  | { guardContent: { text: { text: string } } }
  | CachePointBlock;

export interface BedrockMessage {
  role: 'user' | 'assistant';
  content: BedrockContentBlock[];
}

export type BedrockSystemBlock = { text: string } | CachePointBlock;

export type BedrockTool =
  | { toolSpec: { name: string; description?: string; inputSchema: { json: unknown } } }
  | CachePointBlock;

export type BedrockToolChoice = { auto: object } | { any: object } | { tool: { name: string } };

export interface BedrockConverseRequest {
  modelId: string;
  messages: BedrockMessage[];
  system?: BedrockSystemBlock[];
  inferenceConfig?: { maxTokens?: number; temperature?: number; topP?: number; stopSequences?: string[] };
  toolConfig?: { tools: BedrockTool[]; toolChoice?: BedrockToolChoice };
  guardrailConfig?: {
    guardrailIdentifier: string;
    guardrailVersion: string;
    trace?: 'enabled' | 'disabled' | 'enabled_full';
    streamProcessingMode?: 'sync' | 'async';
  };
  additionalModelRequestFields?: Record<string, unknown>;
  requestMetadata?: Record<string, string>;
  performanceConfig?: { latency: 'standard' | 'optimized' };
  serviceTier?: { type: 'default' | 'flex' | 'priority' | 'reserved' };
  /** Structured output; `schema` is the JSON Schema as a JSON string (the API's JsonSchemaDefinition). */
  outputConfig?: {
    textFormat: {
      type: 'json_schema';
      structure: { jsonSchema: { schema: string; name?: string; description?: string } };
    };
  };
  projectIdentifier?: string;
}
