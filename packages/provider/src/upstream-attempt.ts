// What a provider reports of each upstream HTTP attempt, for traces. Ids, counts and error classes only: never
// request or response content, so an observer cannot leak a prompt.

/** Why an attempt was made; routers may add their own. */
export type UpstreamAttemptReason =
  | 'initial'
  | 'retry'
  | 'inference_profile_fallback'
  | 'service_tier_escalation'
  | 'model_fallback'
  /** A routed model moved the call to another target (region or account) before its first token. */
  | 'reroute'
  | (string & {});

/** The routed model's target an attempt went to (config `models.routes`). */
export interface UpstreamAttemptTarget {
  /** The route's name (the model the client asked for). */
  route: string;
  /** The target's label, as in x-outcrop-target. */
  name: string;
  /** The account: the target's named AWS profile, when it has one (a label, never a credential). */
  profile?: string;
  serviceTier?: string;
}

export interface UpstreamAttempt {
  /** 1-based within one provider call. */
  attempt: number;
  reason: UpstreamAttemptReason;
  /** The model id sent upstream (an inference profile after a fallback). */
  modelId: string;
  region?: string;
  server?: { address: string; port: number };
  /** Why the previous attempt failed, for a retry or a fallback. */
  previous?: { code: string; awsName?: string };
  /** Backoff waited before this attempt. */
  delayMs?: number;
  /** Set by the router of a routed model. */
  target?: UpstreamAttemptTarget;
}

export interface UpstreamAttemptEnd {
  /** 'cancelled': the caller stopped reading before the attempt ended. */
  outcome: 'ok' | 'error' | 'cancelled';
  requestId?: string;
  error?: { code: string; message: string; awsName?: string; httpStatus?: number };
  /** The provider retries or falls back after this failure. */
  willRetry?: boolean;
  /** The upstream's own stop reason (e.g. Bedrock's `end_turn`). */
  stopReason?: string;
  usage?: { inputTokens: number; outputTokens: number; cacheReadTokens: number; cacheWriteTokens: number };
}

/**
 * Told of each upstream attempt as it is sent; returns the function told once when it ends. A provider calls it
 * guarded: an observer that throws never changes the call.
 */
export type UpstreamAttemptObserver = (
  attempt: UpstreamAttempt,
) => ((end: UpstreamAttemptEnd) => void) | undefined;
