// One journal record per request (see RequestJournal).

export type Operation =
  | 'ConverseStream'
  | 'Converse'
  | 'InvokeModel'
  | 'InvokeModelWithResponseStream'
  | 'CountTokens'
  | 'ListFoundationModels'
  | 'GetFoundationModel'
  | 'ListInferenceProfiles'
  | 'GetInferenceProfile'
  | 'GetPromptRouter'
  | 'ListPromptRouters'
  | 'ApplyGuardrail'
  | 'Unknown';

export interface JournalEntry {
  id: string;
  at: number;
  method: string;
  path: string;
  protocol: '1.1' | '2.0';
  operation: Operation;
  /** Percent-decoded. */
  modelId?: string;
  /** From the signing scope (SigV4) or the emulator's region (bearer). */
  region?: string;
  auth: { kind: 'sigv4' | 'bearer' | 'none'; credentialId?: string; ok: boolean; error?: string };
  invocationId?: string;
  attempt?: number;
  /** Parsed JSON body. */
  body?: unknown;
  status: number;
  errorType?: string;
  eventsSent: number;
  /** The client reset or closed the stream before the response ended. */
  cancelled: boolean;
  scenario?: string;
  /** True once the response has ended or the client went away. */
  done: boolean;
}
