/** Below this length a value is fully masked: showing 8 characters of a short secret would give most of it away. */
const MIN_LENGTH_TO_SHOW_ENDS = 16;

/**
 * Masks a secret or key id for anything printed: `AKIAIOSFODNN7EXAMPLE` -> `AKIA…MPLE`.
 * Short values become `****` so their length is not revealed either.
 */
export function maskSecret(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length < MIN_LENGTH_TO_SHOW_ENDS) return '****';
  return `${trimmed.slice(0, 4)}…${trimmed.slice(-4)}`;
}

// Access key ids, Bedrock API keys and long base64/hex runs (secret keys, session tokens, signatures).
const SECRET_PATTERNS: RegExp[] = [
  /\b(?:AKIA|ASIA|AROA|AIDA|ABSK)[A-Za-z0-9+/=]{8,}/g,
  /[A-Za-z0-9+/]{32,}={0,2}/g,
];

/** Masks anything that looks like a credential inside free text (for example an SDK error message). */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, (match) => maskSecret(match)), text);
}

/**
 * An AWS error message made safe to repeat: a signature error goes on to echo the canonical request and the string
 * to sign, whose signed headers can include the session token, so everything from there on is cut; anything else
 * that looks like a credential is masked.
 */
export function safeUpstreamMessage(message: string): string {
  const cut = message.split(/\s*The (?:Canonical String|String-to-Sign)\b/i, 1)[0] ?? '';
  return redactSecrets(cut.trim());
}
