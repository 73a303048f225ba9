/** Token usage as Bedrock reports it in the final `metadata` event. */
export interface BedrockUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  /** Cache writes per TTL (`5m` / `1h`) when the model reports them. */
  cacheDetails?: unknown[];
}

/** One event of a ConverseStream response, faithful to the wire. */
export type BedrockStreamEvent =
  | { type: 'messageStart'; role: string }
  | { type: 'contentBlockStart'; index: number; toolUse?: { toolUseId: string; name: string }; raw: unknown }
  | { type: 'textDelta'; index: number; text: string }
  | { type: 'toolUseDelta'; index: number; input: string }
  | { type: 'reasoningTextDelta'; index: number; text: string }
  | { type: 'reasoningSignatureDelta'; index: number; signature: string }
  | { type: 'reasoningRedactedDelta'; index: number; data: Uint8Array }
  | { type: 'citationDelta'; index: number; citation: unknown }
  | { type: 'contentBlockStop'; index: number }
  | { type: 'messageStop'; stopReason: string; additionalModelResponseFields?: unknown }
  | {
      type: 'metadata';
      usage: BedrockUsage;
      latencyMs?: number;
      trace?: unknown;
      performanceConfig?: unknown;
      serviceTier?: unknown;
    }
  /** A frame (or a delta kind) this version does not know; `name` is the `:event-type`. */
  | { type: 'unknown'; name: string; payload: unknown };

export type BedrockStreamEventType = BedrockStreamEvent['type'];

/** Something this package changed or decided on the caller's behalf. */
export interface StreamWarning {
  code:
    | 'repair_merged_turns'
    | 'repair_grouped_tool_results'
    | 'repair_dropped_blank_text'
    | 'repair_sanitised_tool_use_id'
    | 'inference_profile_fallback'
    | 'retried';
  message: string;
  location?: { message?: number; block?: number };
}
