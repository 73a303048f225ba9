import type { BedrockConnection } from '@outcrop/credentials';
import type { ConverseStreamError } from './errors.js';
import type { BedrockUsage } from './events.js';

/** Why an HTTP attempt was made. */
export type AttemptReason = 'initial' | 'retry' | 'inference_profile_fallback';

/** One HTTP attempt as it is sent. Holds ids and counts only: never request content. */
export interface AttemptStart {
  /** 1-based, counting every HTTP attempt of the call (a profile fallback too). */
  attempt: number;
  reason: AttemptReason;
  /** The model id sent: the inference profile after a fallback. */
  modelId: string;
  region: string;
  /** Host and port the attempt goes to: the configured endpoint, else Bedrock's regional one. */
  server: { address: string; port: number };
  /** The previous attempt's failure, for a retry or a fallback. */
  previous?: { code: string; awsName?: string };
  /** Backoff waited before this attempt (retries only). */
  delayMs?: number;
}

export interface AttemptEnd {
  /** 'cancelled': the consumer stopped reading (client gone) before the attempt ended. */
  outcome: 'ok' | 'error' | 'cancelled';
  requestId?: string;
  error?: ConverseStreamError;
  /** Whether converse-stream retries or falls back after this failure. */
  willRetry?: boolean;
  stopReason?: string;
  usage?: BedrockUsage;
}

/**
 * Told of every HTTP attempt (for traces); returns the function told once when that attempt ends.
 * Exceptions it throws are swallowed: observing never changes the call.
 */
export type AttemptObserver = (start: AttemptStart) => ((end: AttemptEnd) => void) | undefined;

/** Where the runtime client sends a request for `region` (the SDK's default regional endpoint otherwise). */
export function attemptServer(connection: BedrockConnection, region: string): AttemptStart['server'] {
  const url = connection.runtimeEndpoint?.url;
  if (url) {
    try {
      const parsed = new URL(url);
      const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'http:' ? 80 : 443;
      return { address: parsed.hostname, port };
    } catch {
      // An endpoint the SDK itself would reject; report the regional default.
    }
  }
  return { address: `bedrock-runtime.${region}.amazonaws.com`, port: 443 };
}

/** Calls the observer, guarding the stream from its failures. */
export function observeAttempt(
  observer: AttemptObserver | undefined,
  start: AttemptStart,
): (end: AttemptEnd) => void {
  if (!observer) return noop;
  let done: ((end: AttemptEnd) => void) | undefined;
  try {
    done = observer(start);
  } catch {
    return noop;
  }
  if (!done) return noop;
  let called = false;
  return (end) => {
    if (called) return;
    called = true;
    try {
      done(end);
    } catch {
      // Observing never changes the call.
    }
  };
}

const noop = () => {};
