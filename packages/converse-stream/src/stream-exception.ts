import type { ConverseStreamError } from './errors.js';

/**
 * What the frame decoder throws into the SDK pipeline: an exception or error frame from
 * Bedrock, or a transport fault (corrupt or truncated stream). `$metadata` is set so the
 * SDK's deserializer does not rewrite the message; `classify` turns this into a
 * `ConverseStreamError` with the request id.
 */
export class StreamException extends Error {
  readonly $metadata = {};
  readonly $fault: 'client' | 'server' | undefined;
  readonly fromFrame: boolean;
  readonly originalStatusCode: number | undefined;
  readonly transportError: ConverseStreamError | undefined;

  constructor(init: {
    name: string;
    message: string;
    fault?: 'client' | 'server';
    originalStatusCode?: number;
    transportError?: ConverseStreamError;
  }) {
    super(init.message);
    this.name = init.name;
    this.$fault = init.fault;
    this.fromFrame = init.transportError === undefined;
    this.originalStatusCode = init.originalStatusCode;
    this.transportError = init.transportError;
  }
}

/** `throttlingException` -> `ThrottlingException`, as the SDK names its error classes. */
export function exceptionName(member: string): string {
  return member.length === 0 ? 'UnknownException' : member[0]!.toUpperCase() + member.slice(1);
}

const SERVER_FAULTS = new Set(['InternalServerException', 'ServiceUnavailableException']);

export function faultOf(name: string): 'client' | 'server' {
  return SERVER_FAULTS.has(name) ? 'server' : 'client';
}
