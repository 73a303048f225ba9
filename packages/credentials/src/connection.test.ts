import { afterEach, describe, expect, it } from 'vitest';
import {
  BASE_ENV,
  createFakeHome,
  type FakeHome,
  KEY_A,
  KEY_B,
  staticProfile,
} from './__fixtures__/fake-home.js';
import { resolveBedrockConnection } from './connection.js';
import { CredentialsError } from './credentials-error.js';

let home: FakeHome;
afterEach(() => home?.remove());

const TOKEN = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlMTIzNDU2Nzg=';

describe('resolveBedrockConnection', () => {
  it('bearer token: token + httpBearerAuth, no credentials provider', async () => {
    home = createFakeHome();
    const connection = await resolveBedrockConnection({
      env: { ...BASE_ENV, AWS_BEARER_TOKEN_BEDROCK: TOKEN, AWS_REGION: 'us-west-2' },
      homeDir: home.dir,
    });
    expect(connection.clientConfig('bedrock-runtime')).toEqual({
      region: 'us-west-2',
      token: { token: TOKEN },
      authSchemePreference: ['httpBearerAuth'],
    });
    expect(connection.clientConfig('bedrock', { region: 'eu-west-1' }).region).toBe('eu-west-1');
  });

  it('SigV4: a caching provider, SigV4 pinned, endpoints per service', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) });
    const connection = await resolveBedrockConnection({
      env: {
        ...BASE_ENV,
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://127.0.0.1:9/rt',
        AWS_ENDPOINT_URL_BEDROCK: 'http://127.0.0.1:9/cp',
      },
      homeDir: home.dir,
      region: 'ap-southeast-2',
    });
    const runtime = connection.clientConfig('bedrock-runtime');
    expect(runtime).toMatchObject({
      region: 'ap-southeast-2',
      endpoint: 'http://127.0.0.1:9/rt',
      authSchemePreference: ['sigv4'],
    });
    expect(connection.clientConfig('bedrock').endpoint).toBe('http://127.0.0.1:9/cp');
    expect(await runtime.credentials!()).toEqual({ accessKeyId: KEY_A.id, secretAccessKey: KEY_A.secret });
    expect(connection.region).toEqual({ region: 'ap-southeast-2', source: 'config' });
  });

  it('identity is stable, free of secrets and key ids, and changes with the key or the endpoint', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) });
    const env = { ...BASE_ENV };
    const a1 = await resolveBedrockConnection({ env, homeDir: home.dir });
    const a2 = await resolveBedrockConnection({ env, homeDir: home.dir });
    expect(a1.identity).toBe(a2.identity);
    expect(a1.identity).toMatch(/^default-chain:shared credentials:[0-9a-f]{16}@aws$/);
    expect(a1.identity).not.toContain(KEY_A.id);

    home.writeCredentials(staticProfile('default', KEY_B));
    const b = await resolveBedrockConnection({ env, homeDir: home.dir });
    expect(b.identity).not.toBe(a1.identity);

    const elsewhere = await resolveBedrockConnection({
      env,
      homeDir: home.dir,
      baseUrl: 'http://127.0.0.1:4/x',
    });
    expect(elsewhere.identity).toBe(`${b.identity.split('@')[0]}@http://127.0.0.1:4/x`);

    const bearer = await resolveBedrockConnection({
      env: { ...env, AWS_BEARER_TOKEN_BEDROCK: TOKEN },
      homeDir: home.dir,
    });
    expect(bearer.identity).not.toContain(TOKEN);
    expect(bearer.identity.startsWith('bearer-token:')).toBe(true);
  });

  it('identity tells a corrected secret under the same key id apart, without containing it', async () => {
    home = createFakeHome();
    const keys = { ...BASE_ENV, AWS_ACCESS_KEY_ID: KEY_A.id };
    const wrong = await resolveBedrockConnection({
      env: { ...keys, AWS_SECRET_ACCESS_KEY: KEY_B.secret },
      homeDir: home.dir,
    });
    const right = await resolveBedrockConnection({
      env: { ...keys, AWS_SECRET_ACCESS_KEY: KEY_A.secret },
      homeDir: home.dir,
    });
    expect(right.identity).not.toBe(wrong.identity);
    for (const secret of [KEY_A.secret, KEY_B.secret, KEY_A.id]) expect(right.identity).not.toContain(secret);
  });

  it('no credentials: the connection resolves, and the provider throws no_credentials saying what was tried', async () => {
    home = createFakeHome();
    const connection = await resolveBedrockConnection({ env: { ...BASE_ENV }, homeDir: home.dir });
    expect(connection.source.kind).toBe('none');
    const error = await connection.clientConfig('bedrock').credentials!().catch((e: unknown) => e);
    expect(CredentialsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'no_credentials' });
    expect((error as Error).message).toContain('aws-sdk default chain (instance metadata)');
    expect((error as CredentialsError).hint).toContain('AWS_BEARER_TOKEN_BEDROCK');
  });

  it('region comes from the AWS_PROFILE profile in ~/.aws/config', async () => {
    home = createFakeHome({
      credentials: staticProfile('dev', KEY_A),
      config: '[profile dev]\nregion = eu-south-1\n',
    });
    const connection = await resolveBedrockConnection({
      env: { ...BASE_ENV, AWS_PROFILE: 'dev' },
      homeDir: home.dir,
    });
    expect(connection.region).toEqual({ region: 'eu-south-1', source: 'aws-profile' });
  });
});

describe('identity with temporary credentials', () => {
  it('stays the same across sessions of one profile (new key id each session) so caches survive restarts', async () => {
    home = createFakeHome();
    const run = (n: number) =>
      home.writeScript(
        `p${n}.mjs`,
        `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIASESSION00000000${n}', SecretAccessKey: 's', SessionToken: 't', Expiration: '2999-01-01T00:00:00Z' }));`,
      );
    home.writeConfig(`[profile dev]\ncredential_process = ${run(1)}\n`);
    const first = await resolveBedrockConnection({
      env: { ...BASE_ENV, AWS_PROFILE: 'dev' },
      homeDir: home.dir,
    });
    home.writeConfig(`[profile dev]\ncredential_process = ${run(2)}\n`);
    const second = await resolveBedrockConnection({
      env: { ...BASE_ENV, AWS_PROFILE: 'dev' },
      homeDir: home.dir,
    });
    expect(second.source).toMatchObject({ maskedKeyId: 'ASIA…0002' });
    expect(second.identity).toBe(first.identity);
    expect(first.identity).toBe('profile:dev:session@aws');
  });
});

describe('session credentials from the environment at runtime', () => {
  it('are served until AWS_CREDENTIAL_EXPIRATION, then fail with expired_credentials (no secret in the message)', async () => {
    home = createFakeHome();
    const clock = { now: Date.parse('2030-01-01T00:00:00Z') };
    const connection = await resolveBedrockConnection({
      env: {
        ...BASE_ENV,
        AWS_ACCESS_KEY_ID: 'ASIAENVSESSIONKEY001',
        AWS_SECRET_ACCESS_KEY: KEY_A.secret,
        AWS_SESSION_TOKEN: 'env-session-token',
        AWS_CREDENTIAL_EXPIRATION: '2030-01-01T01:00:00Z',
      },
      homeDir: home.dir,
      now: () => clock.now,
    });
    const provider = connection.clientConfig('bedrock-runtime').credentials!;
    expect((await provider()).sessionToken).toBe('env-session-token');
    clock.now += 58 * 60_000; // inside the refresh margin: nothing new to load, the same keys are still valid
    expect((await provider()).accessKeyId).toBe('ASIAENVSESSIONKEY001');
    clock.now += 3 * 60_000;
    const error = await provider().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CredentialsError', code: 'expired_credentials' });
    expect((error as Error).message).not.toContain(KEY_A.secret);
    expect((error as Error).message).not.toContain('ASIAENVSESSIONKEY001');
  });
});
