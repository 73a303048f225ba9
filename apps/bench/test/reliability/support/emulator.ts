// An emulator that accepts only the suite's secret credentials, so every request proves they were used.
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { SECRETS } from './secrets.js';

export function startSecretEmulator(): Promise<Emulator> {
  return startEmulator({
    credentials: [
      {
        accessKeyId: SECRETS.awsAccessKeyId,
        secretAccessKey: SECRETS.awsSecretAccessKey,
        sessionToken: SECRETS.awsSessionToken,
      },
    ],
    bearerTokens: [SECRETS.bearerToken],
  });
}

/** The model every reliability test calls (in the emulator's default catalog). */
export const MODEL_ID = 'anthropic.claude-3-5-haiku-20241022-v1:0';
export const MODEL_REF = `amazon-bedrock/${MODEL_ID}`;
