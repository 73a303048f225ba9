/**
 * The gateway's neutral form of one model call, between the OpenAI request and the provider contract. Keeping it
 * here lets the OpenAI mapping be tested on its own and keeps the provider adapter one small file.
 */

export type ReasoningLevel = 'off' | 'minimal' | 'low' | 'medium' | 'high' | 'max';

export type UserPart = { type: 'text'; text: string } | { type: 'image'; mimeType: string; data: string };

export type AssistantPart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string; signature?: string; redactedData?: string }
  | { type: 'tool-call'; id: string; name: string; input: unknown };

export type CallMessage =
  | { role: 'user'; content: UserPart[] }
  | { role: 'assistant'; content: AssistantPart[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string };

export interface CallTool {
  name: string;
  description?: string;
  parameters: Record<string, unknown>;
}

export type CallToolChoice = 'auto' | 'none' | 'required' | { name: string };

export interface ModelCall {
  system?: string;
  messages: CallMessage[];
  tools?: CallTool[];
  toolChoice?: CallToolChoice;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  reasoning?: ReasoningLevel;
}

/** What the gateway reads from a provider stream, whatever the provider's own part names are. */
export type CallUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
};

export type CallFinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'other';

export type CallEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  /** The end of a reasoning block, with the proof the model needs to take it back; never sent to clients. */
  | { type: 'reasoning-end'; signature?: string; redactedData?: string }
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  | { type: 'tool-call-delta'; index: number; argumentsDelta: string }
  | { type: 'finish'; reason: CallFinishReason; rawReason?: string; usage?: CallUsage }
  | { type: 'error'; code: string; message: string };

/** One started model call: its events, and whatever the provider says about the model. */
export interface CallStream extends AsyncIterable<CallEvent> {}
