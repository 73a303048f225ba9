import type { ReasoningContent } from '@outcrop/provider';
import { GatewayError } from '../errors.js';

/**
 * A reasoning item's `encrypted_content`: the reasoning text with Bedrock's signature (or Bedrock's redacted
 * data), base64url JSON. It is opaque to clients, not secret from them (they saw the text); Bedrock's signature
 * is what proves it unaltered when the turn is replayed, so the gateway needs no memory between turns.
 */
export function sealReasoning(reasoning: {
  text: string;
  signature?: string;
  redactedData?: string;
}): string {
  const payload =
    reasoning.redactedData !== undefined
      ? { r: reasoning.redactedData }
      : { t: reasoning.text, ...(reasoning.signature ? { s: reasoning.signature } : {}) };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function openReasoning(token: string, param: string): ReasoningContent {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const p = payload as { t?: unknown; s?: unknown; r?: unknown } | undefined;
  if (typeof p?.r === 'string') return { type: 'reasoning', text: '', redactedData: p.r };
  if (typeof p?.t === 'string') {
    return { type: 'reasoning', text: p.t, ...(typeof p.s === 'string' ? { signature: p.s } : {}) };
  }
  throw new GatewayError('invalid_request', `${param} is not reasoning this gateway returned.`, { param });
}
