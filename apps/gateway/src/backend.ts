import type { CallEvent, ModelCall } from './model-call.js';

export interface ProviderWarning {
  code: string;
  message: string;
  setting?: string;
}

/** One model as `/v1/models` shows it: OpenAI's fields plus what a client needs to size its requests. */
export interface ModelEntry {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  name?: string;
  context_window?: number;
  max_tokens?: number;
  capabilities?: Record<string, unknown>;
  region?: string;
  emulator: boolean;
}

/**
 * What the HTTP layer needs from the model side. Start-up builds it from the provider registry; keeping it this
 * narrow keeps routes free of AWS and lets a reload swap it whole.
 */
export interface Backend {
  readonly usingEmulator: boolean;
  listModels(): Promise<ModelEntry[]>;
  /** The canonical id for a requested model name, or a GatewayError `model_not_found` naming close matches. */
  resolveModel(requested: string): Promise<string>;
  /**
   * Starts one call; events end with exactly one `finish` or `error`. Aborting the signal cancels upstream.
   * `onWarning` hears settings the provider could not honour (they arrive before the first event).
   */
  stream(
    model: string,
    call: ModelCall,
    signal: AbortSignal,
    onWarning?: (warning: ProviderWarning) => void,
  ): AsyncIterable<CallEvent>;
  /** True once the backend can serve (models known, credentials resolved). */
  ready(): boolean;
}
