// The secret values the reliability suite places in env and config, and the capture every test file feeds
// with what a user could see (log lines, HTTP responses, CLI output, error messages), scanned as it arrives.
// Each file ends by asserting no secret appeared, whole or in a recognisable part.
import { expect } from 'vitest';

export const SECRETS = {
  awsAccessKeyId: 'AKIARELIABILITY00017',
  awsSecretAccessKey: 'rEl1aBiLiTy/SeCrEt+AcCeSs/KeY0123456789a',
  awsSessionToken: 'IQoJb3JpZ2luX2VjEBoaCXVzLWVhc3QtMSJHMEUCIQ-reliability-session-token-5c1e',
  bearerToken: 'ABSKQmVkcm9ja0FQSUtleS1yZWxpYWJpbGl0eS1iZWFyZXI=',
  gatewayToken: 'ogw_reliability_9f8e7d6c5b4a39281706',
} as const;

/** The values that must never be shown; the access key id is not secret (it is shown masked). */
const SECRET_VALUES = [
  SECRETS.awsSecretAccessKey,
  SECRETS.awsSessionToken,
  SECRETS.bearerToken,
  SECRETS.gatewayToken,
];

/** Recognisable parts too: a leak of half a secret is still a leak. */
function fragments(secret: string): string[] {
  const size = 16;
  const out: string[] = [];
  for (let at = 0; at + size <= secret.length; at++) out.push(secret.slice(at, at + size));
  return out;
}

export interface Capture {
  add(source: string, text: string): void;
  /** Every place a secret (or a 16-character piece of one) appeared. */
  leaks(): string[];
  size(): number;
}

export function createCapture(): Capture {
  // Scanned as it arrives, so a load test's capture holds no response bodies (and no heap).
  const pieces = SECRET_VALUES.map((secret) => ({ secret, fragments: fragments(secret) }));
  const found: string[] = [];
  let count = 0;
  return {
    add: (source, text) => {
      count++;
      for (const { secret, fragments: parts } of pieces) {
        if (parts.some((piece) => text.includes(piece))) {
          found.push(`${source}: contains (part of) a secret ending …${secret.slice(-4)}`);
        }
      }
    },
    leaks: () => [...found],
    size: () => count,
  };
}

/** Asserts the capture holds something and leaks nothing. */
export function expectNoSecrets(capture: Capture): void {
  expect(capture.size()).toBeGreaterThan(0);
  expect(capture.leaks()).toEqual([]);
}

/** Text of an error for the capture: message, code, cause chain and own enumerable fields. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) {
      parts.push(`${current.name}: ${current.message}`, current.stack ?? '');
      try {
        parts.push(JSON.stringify(current));
      } catch {
        // circular: the message and stack are enough
      }
      current = (current as { cause?: unknown }).cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join('\n');
}
