// What a client is told when the upstream (Bedrock, through the provider) fails. A 401 means "your gateway key is
// wrong", so the gateway's own AWS credentials failing is never one: it is a 503 that says whose credentials are at
// fault. Bedrock's own failures (InternalServerException, error frames) are 502 naming the exception; 500 stays
// for the gateway's own bugs.
import type { ProviderError, StreamPart } from '@outcrop/provider';
import { GatewayError } from './errors.js';

/** The client-facing failure a part carries (an `error` part, or a finish with reason `error`), else undefined. */
export function upstreamFailure(part: StreamPart): GatewayError | undefined {
  if (part.type === 'error') return fromProviderError(part.error);
  if (part.type === 'finish' && part.finishReason === 'error') {
    return new GatewayError('model_error', `The model stopped with an error (${part.rawStopReason}).`);
  }
  return undefined;
}

/**
 * The upstream's failure with its exception named once: ` (Name): its words`. The Bedrock provider's `message`
 * already leads with the name ("Bedrock InternalServerException: …"), so its `upstreamMessage` goes beside the
 * name; a message that names it with no `upstreamMessage` (another provider) is quoted as it is.
 */
function upstreamText(error: ProviderError): string {
  const name = error.upstreamName;
  if (name && error.upstreamMessage !== undefined) return ` (${name}): ${error.upstreamMessage}`;
  return name && !error.message.includes(name) ? ` (${name}): ${error.message}` : `: ${error.message}`;
}

/** AWS's messages often end without a full stop; one more sentence follows. */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

export function fromProviderError(error: ProviderError): GatewayError {
  const upstream = upstreamText(error);
  const options = {
    cause: error,
    ...(error.requestId ? { headers: { 'x-upstream-request-id': error.requestId } } : {}),
  };
  switch (error.code) {
    case 'authentication':
      return new GatewayError(
        'upstream_credentials',
        `The gateway's own AWS credentials failed${sentence(upstream)} Fix the credentials of the gateway host; the client's gateway key is fine.`,
        options,
      );
    case 'access_denied':
      return new GatewayError(
        'access_denied',
        `Amazon Bedrock denied the gateway's AWS identity${upstream}`,
        options,
      );
    case 'internal':
      // Without an upstream name the provider itself failed: a bug of ours, kept a 500 with its text in the log.
      return error.upstreamName
        ? new GatewayError('upstream_error', `Amazon Bedrock failed${upstream}`, options)
        : new GatewayError('internal', error.message, options);
    default:
      return new GatewayError(error.code, error.message, options);
  }
}
