// Error classes carry a `Symbol.for` marker so `isInstance` works across duplicate copies of this package
// (instanceof does not). Every error has a stable code, retryability and the HTTP status from one table.
import { ERROR_CODES, type ProviderErrorCode } from './error-codes.js';
import type { Usage } from './usage.js';

/** Shared by every Outcrop error class (config, credentials, converse-stream, provider). */
const marker = Symbol.for('outcrop.error');
/** This class exactly: a ProviderError from any copy of this package. */
const providerMarker = Symbol.for('outcrop.error.provider');
const unknownModelMarker = Symbol.for('outcrop.error.unknown_model');

export interface ProviderErrorOptions {
  retryable?: boolean;
  requestId?: string;
  /** The provider's own error name (e.g. 'ThrottlingException'). */
  upstreamName?: string;
  /**
   * The provider's own words, without its name (`message` may already lead with the name): lets a caller that
   * prints `upstreamName` beside them say the name once.
   */
  upstreamMessage?: string;
  cause?: unknown;
  /** Where in the input the problem is, e.g. 'messages[2].content[0]' or 'providerOptions.amazon-bedrock'. */
  location?: string;
  /** The pre-flight rule a request broke, e.g. 'tool_use_unsupported' (stable, for programs). */
  rule?: string;
}

/** What a call produced before it failed: already generated and billed, so never thrown away. */
export interface PartialOutput {
  text: string;
  reasoning: string;
  toolCalls: Array<{ toolCallId: string; toolName: string; arguments: unknown; rawArguments?: string }>;
  /** Usage when the provider reported it before the failure. */
  usage?: Usage;
}

export class ProviderError extends Error {
  readonly [marker] = true;
  readonly [providerMarker] = true;
  readonly code: ProviderErrorCode;
  readonly retryable: boolean;
  readonly httpStatus: number;
  readonly requestId: string | undefined;
  readonly upstreamName: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly location: string | undefined;
  readonly rule: string | undefined;
  /** Set by complete() when the call failed after content arrived. */
  partial?: PartialOutput;

  constructor(code: ProviderErrorCode, message: string, options: ProviderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.code = code;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.httpStatus = ERROR_CODES[code].httpStatus;
    this.requestId = options.requestId;
    this.upstreamName = options.upstreamName;
    this.upstreamMessage = options.upstreamMessage;
    this.location = options.location;
    this.rule = options.rule;
  }

  /** True for a ProviderError from any copy of this package (instanceof fails across copies). */
  static isInstance(value: unknown): value is ProviderError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[providerMarker] === true
    );
  }

  /** True for any Outcrop error (they all carry `Symbol.for('outcrop.error')`). */
  static isOutcropError(value: unknown): value is Error & { code: string } {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      upstreamName: this.upstreamName,
      location: this.location,
      ...(this.rule ? { rule: this.rule } : {}),
      ...(this.partial ? { partial: this.partial } : {}),
    };
  }
}

/** A model ref that names no configured or discovered model; `closestMatches` lists the nearest refs. */
export class UnknownModelError extends ProviderError {
  readonly [unknownModelMarker] = true;
  readonly ref: string;
  readonly closestMatches: string[];

  constructor(ref: string, closestMatches: string[]) {
    const hint = closestMatches.length ? ` Closest matches: ${closestMatches.join(', ')}.` : '';
    super('unknown_model', `Unknown model "${ref}".${hint}`, { location: ref });
    this.name = 'UnknownModelError';
    this.ref = ref;
    this.closestMatches = closestMatches;
  }

  static override isInstance(value: unknown): value is UnknownModelError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[unknownModelMarker] === true
    );
  }
}

/** Wraps anything thrown into a ProviderError, keeping ProviderErrors (from any copy) as they are. */
export function toProviderError(error: unknown, fallbackCode: ProviderErrorCode = 'internal'): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return new ProviderError('aborted', 'The request was aborted.', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(fallbackCode, message, { cause: error });
}

/** The failure of a call the caller may have aborted: `aborted` when its signal fired, else as toProviderError. */
export function callFailure(error: unknown, signal: AbortSignal | undefined): ProviderError {
  return signal?.aborted
    ? new ProviderError('aborted', 'The request was aborted.', { cause: error })
    : toProviderError(error);
}
