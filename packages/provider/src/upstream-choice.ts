// The one rule for when the embedded Bedrock emulator stands in for Amazon Bedrock. Package code never starts
// the emulator itself: the app passes in how (`start`), and this decides whether.
import { type CredentialSource, CredentialsError } from '@outcrop/credentials';

export type EmulatorMode = 'auto' | 'always' | 'never';

export interface UpstreamChoiceInput {
  mode: EmulatorMode;
  source: CredentialSource;
  /** False when the app is reachable from other machines (a gateway bound to 0.0.0.0). */
  loopbackOnly: boolean;
}

/**
 * `always`: the emulator. `never`: Bedrock, and no credentials is an error. `auto`: the emulator only when no
 * credential source exists at start *and* only this machine can reach the app: a production host that lost its
 * role must fail loudly, never answer with simulated text.
 */
export function chooseUpstream(input: UpstreamChoiceInput): 'bedrock' | 'emulator' {
  const { mode, source, loopbackOnly } = input;
  if (mode === 'always') return 'emulator';
  if (source.kind !== 'none') return 'bedrock';
  const tried = source.tried.join(', ');
  if (mode === 'never') {
    throw new CredentialsError(
      'no_credentials',
      `No AWS credentials found, and the embedded emulator is turned off (tried: ${tried}).`,
      { hint: source.hint, source: source.label },
    );
  }
  if (!loopbackOnly) {
    throw new CredentialsError(
      'no_credentials',
      `No AWS credentials found (tried: ${tried}), and this address is reachable from other machines: ` +
        'refusing to serve the simulated Bedrock emulator there.',
      {
        hint: `${source.hint} Or bind to 127.0.0.1 to try Outcrop against the embedded emulator.`,
        source: source.label,
      },
    );
  }
  return 'emulator';
}
