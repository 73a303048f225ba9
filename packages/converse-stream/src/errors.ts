import { isOutcropError, OUTCROP_ERROR as MARKER } from '@outcrop/credentials';

/** Stable error codes. Callers switch on these, never on messages. */
export type ConverseStreamErrorCode =
  | 'throttled'
  | 'validation'
  | 'access_denied'
  | 'not_found'
  | 'model_not_ready'
  | 'model_timeout'
  | 'model_error'
  | 'context_overflow'
  | 'service_unavailable'
  | 'internal'
  | 'aborted'
  | 'timeout'
  | 'truncated'
  | 'protocol'
  | 'authentication';

/** Where a pre-flight rule failed: message and block indexes, and Bedrock's own dotted path. */
export interface ValidationLocation {
  message?: number;
  block?: number;
  /** e.g. `messages.2.content.0`, `system.1`, `toolConfig.tools.0`, `inferenceConfig.maxTokens` */
  path?: string;
}

export interface ConverseStreamErrorInit {
  code: ConverseStreamErrorCode;
  message: string;
  retryable?: boolean;
  httpStatus?: number;
  requestId?: string;
  awsName?: string;
  awsMessage?: string;
  rule?: string;
  location?: ValidationLocation;
  /** How many HTTP attempts were spent before this error (0 for pre-flight errors). */
  attempts?: number;
  cause?: unknown;
}

/** Every failure of this package: before the request, from Bedrock, or inside the stream. */
export class ConverseStreamError extends Error {
  override readonly name = 'ConverseStreamError';
  readonly code: ConverseStreamErrorCode;
  readonly retryable: boolean;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly awsName: string | undefined;
  readonly awsMessage: string | undefined;
  readonly rule: string | undefined;
  readonly location: ValidationLocation | undefined;
  attempts: number;

  constructor(init: ConverseStreamErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.retryable = init.retryable ?? false;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.awsName = init.awsName;
    this.awsMessage = init.awsMessage;
    this.rule = init.rule;
    this.location = init.location;
    this.attempts = init.attempts ?? 0;
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for errors from any copy of this package (duplicate installs included). */
  static isInstance(value: unknown): value is ConverseStreamError {
    return isOutcropError(value, 'ConverseStreamError');
  }
}

/** A pre-flight rule failure, named by rule and located by message/block. */
export function validationError(
  rule: string,
  message: string,
  location: ValidationLocation,
): ConverseStreamError {
  const where = location.path ? ` (at ${location.path})` : '';
  return new ConverseStreamError({ code: 'validation', message: `${message}${where}`, rule, location });
}
