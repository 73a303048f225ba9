// Bearer vs SigV4 against the local Bedrock emulator with the real AWS SDK clients: the emulator verifies both
// and its journal records which kind of auth arrived.
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_ENV,
  createFakeHome,
  type FakeHome,
  KEY_A,
  KEY_B,
  staticProfile,
  touchLater,
} from '../src/__fixtures__/fake-home.js';
import { type BedrockConnection, resolveBedrockConnection } from '../src/index.js';

const MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const EXPIRED_KEY = {
  accessKeyId: 'ASIAEXPIREDSESSION01',
  secretAccessKey: 'expiredsecretexpiredsecretexpiredsecret1',
  sessionToken: 'expired-session-token',
  expiresAt: new Date('2020-01-01T00:00:00Z'),
};

let emulator: Emulator;
let home: FakeHome | undefined;

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [
      { accessKeyId: KEY_A.id, secretAccessKey: KEY_A.secret },
      { accessKeyId: KEY_B.id, secretAccessKey: KEY_B.secret },
      EXPIRED_KEY,
    ],
    bearerTokens: ['ABSKemulatorbearertoken0000000001'],
  });
});
afterAll(() => emulator.stop());
afterEach(() => {
  home?.remove();
  home = undefined;
  emulator.journal.clear();
});

/** The emulator's endpoints and region, without its keys: each test chooses how it authenticates. */
function endpointEnv(): Record<string, string> {
  const env = emulator.env();
  const pick = (name: string) => ({ [name]: env[name]! });
  return {
    ...BASE_ENV,
    ...pick('AWS_ENDPOINT_URL_BEDROCK_RUNTIME'),
    ...pick('AWS_ENDPOINT_URL_BEDROCK'),
    ...pick('AWS_REGION'),
  };
}

async function converse(connection: BedrockConnection) {
  const client = new BedrockRuntimeClient({ ...connection.clientConfig('bedrock-runtime'), maxAttempts: 1 });
  try {
    return await client.send(
      new ConverseCommand({
        modelId: MODEL,
        messages: [{ role: 'user', content: [{ text: 'hello there' }] }],
      }),
    );
  } finally {
    client.destroy();
  }
}

async function listModels(connection: BedrockConnection) {
  const client = new BedrockClient({ ...connection.clientConfig('bedrock'), maxAttempts: 1 });
  try {
    return await client.send(new ListFoundationModelsCommand({}));
  } finally {
    client.destroy();
  }
}

function authOf(operation: string) {
  return emulator.journal
    .entries()
    .filter((entry) => entry.operation === operation)
    .map((entry) => entry.auth);
}

describe('against the emulator', () => {
  it('a Bedrock API key arrives as bearer auth on both the runtime and the control plane', async () => {
    home = createFakeHome();
    const connection = await resolveBedrockConnection({
      env: { ...endpointEnv(), AWS_BEARER_TOKEN_BEDROCK: 'ABSKemulatorbearertoken0000000001' },
      homeDir: home.dir,
    });
    expect(connection.source.label).toBe('env: AWS_BEARER_TOKEN_BEDROCK');
    const reply = await converse(connection);
    expect(reply.output?.message?.content?.[0]?.text).toContain('hello');
    expect((await listModels(connection)).modelSummaries?.length).toBeGreaterThan(0);
    expect(authOf('Converse')).toEqual([{ kind: 'bearer', ok: true }]);
    expect(authOf('ListFoundationModels')).toEqual([{ kind: 'bearer', ok: true }]);
  });

  it('bearer beats SigV4 keys in the same environment', async () => {
    home = createFakeHome();
    const connection = await resolveBedrockConnection({
      env: {
        ...endpointEnv(),
        AWS_BEARER_TOKEN_BEDROCK: 'ABSKemulatorbearertoken0000000001',
        AWS_ACCESS_KEY_ID: KEY_A.id,
        AWS_SECRET_ACCESS_KEY: KEY_A.secret,
      },
      homeDir: home.dir,
    });
    await converse(connection);
    expect(authOf('Converse')).toMatchObject([{ kind: 'bearer', ok: true }]);
  });

  it('a profile from the fake HOME signs with SigV4 on both clients', async () => {
    home = createFakeHome({ credentials: staticProfile('emu', KEY_A) });
    const connection = await resolveBedrockConnection({
      env: { ...endpointEnv(), AWS_PROFILE: 'emu' },
      homeDir: home.dir,
    });
    expect(connection.source.label).toBe('env: AWS_PROFILE (emu)');
    await converse(connection);
    await listModels(connection);
    expect(authOf('Converse')).toEqual([{ kind: 'sigv4', ok: true, credentialId: KEY_A.id }]);
    expect(authOf('ListFoundationModels')).toEqual([{ kind: 'sigv4', ok: true, credentialId: KEY_A.id }]);
  });

  it('a rotated credentials file is used by the very next request of a long-lived client', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) });
    const connection = await resolveBedrockConnection({ env: endpointEnv(), homeDir: home.dir });
    const client = new BedrockRuntimeClient({
      ...connection.clientConfig('bedrock-runtime'),
      maxAttempts: 1,
    });
    const send = () =>
      client.send(
        new ConverseCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
      );
    try {
      await send();
      home.writeCredentials(staticProfile('default', KEY_B));
      touchLater(home.credentialsFile);
      await send();
    } finally {
      client.destroy();
    }
    expect(authOf('Converse').map((auth) => auth.credentialId)).toEqual([KEY_A.id, KEY_B.id]);
  });

  it('an expired session credential is rejected by the service with ExpiredTokenException', async () => {
    home = createFakeHome();
    const connection = await resolveBedrockConnection({
      env: {
        ...endpointEnv(),
        AWS_ACCESS_KEY_ID: EXPIRED_KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: EXPIRED_KEY.secretAccessKey,
        AWS_SESSION_TOKEN: EXPIRED_KEY.sessionToken,
      },
      homeDir: home.dir,
    });
    expect(connection.source).toMatchObject({ kind: 'env-keys', temporary: true });
    const error = await converse(connection).catch((e: unknown) => e);
    expect((error as Error).name).toBe('ExpiredTokenException');
    expect(authOf('Converse')).toMatchObject([
      { kind: 'sigv4', ok: false, credentialId: EXPIRED_KEY.accessKeyId },
    ]);
  });

  it('an unknown bearer token is refused (the emulator really verifies)', async () => {
    home = createFakeHome();
    const connection = await resolveBedrockConnection({
      env: { ...endpointEnv(), AWS_BEARER_TOKEN_BEDROCK: 'ABSKnotavalidtokennotavalidtoken00' },
      homeDir: home.dir,
    });
    const error = await converse(connection).catch((e: unknown) => e);
    expect((error as Error).name).toBe('UnrecognizedClientException');
    expect(authOf('Converse')).toMatchObject([{ kind: 'bearer', ok: false }]);
  });

  it('no credentials: the SDK call fails with our no_credentials error before anything is sent', async () => {
    home = createFakeHome();
    const connection = await resolveBedrockConnection({ env: endpointEnv(), homeDir: home.dir });
    const error = await converse(connection).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CredentialsError', code: 'no_credentials' });
    expect(emulator.journal.entries()).toEqual([]);
  });
});
