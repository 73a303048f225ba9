import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BASE_ENV,
  createFakeHome,
  type FakeHome,
  KEY_A,
  KEY_B,
  staticProfile,
} from './__fixtures__/fake-home.js';
import { resolveCredentialSource } from './credential-source.js';
import { CredentialsError } from './credentials-error.js';

let home: FakeHome;
afterEach(() => home?.remove());

const BEARER = 'ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlMTIzNDU2Nzg=';

function processScript(keyId: string, extra = ''): string {
  return `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: '${keyId}', SecretAccessKey: 'procsecretprocsecretprocsecret'${extra} }));`;
}

describe('resolveCredentialSource: each source in order', () => {
  it('1. AWS_BEARER_TOKEN_BEDROCK beats everything else', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) });
    const source = await resolveCredentialSource({
      env: {
        ...BASE_ENV,
        AWS_BEARER_TOKEN_BEDROCK: BEARER,
        AWS_ACCESS_KEY_ID: KEY_B.id,
        AWS_SECRET_ACCESS_KEY: KEY_B.secret,
        AWS_PROFILE: 'default',
      },
      homeDir: home.dir,
    });
    expect(source).toEqual({
      kind: 'bearer-token',
      label: 'env: AWS_BEARER_TOKEN_BEDROCK',
      maskedToken: 'ABSK…Nzg=',
    });
  });

  it('2. the env key pair beats AWS_PROFILE and the shared files', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) + staticProfile('dev', KEY_A) });
    const source = await resolveCredentialSource({
      env: {
        ...BASE_ENV,
        AWS_ACCESS_KEY_ID: KEY_B.id,
        AWS_SECRET_ACCESS_KEY: KEY_B.secret,
        AWS_PROFILE: 'dev',
      },
      homeDir: home.dir,
    });
    expect(source).toEqual({
      kind: 'env-keys',
      label: 'env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY',
      maskedKeyId: 'AKIA…BBBB',
      temporary: false,
    });
  });

  it('2b. a session token marks env keys as temporary', async () => {
    home = createFakeHome();
    const source = await resolveCredentialSource({
      env: {
        ...BASE_ENV,
        AWS_ACCESS_KEY_ID: 'ASIAAAAAAAAAAAAAAAAA',
        AWS_SECRET_ACCESS_KEY: KEY_B.secret,
        AWS_SESSION_TOKEN: 'token',
      },
      homeDir: home.dir,
    });
    expect(source).toMatchObject({ kind: 'env-keys', temporary: true, maskedKeyId: 'ASIA…AAAA' });
  });

  it('3. AWS_PROFILE beats the default profile', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) + staticProfile('dev', KEY_B) });
    const source = await resolveCredentialSource({
      env: { ...BASE_ENV, AWS_PROFILE: 'dev' },
      homeDir: home.dir,
    });
    expect(source).toEqual({
      kind: 'profile',
      label: 'env: AWS_PROFILE (dev)',
      profile: 'dev',
      maskedKeyId: 'AKIA…BBBB',
    });
  });

  it('4. default chain: the [default] profile of the shared credentials file', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) });
    const source = await resolveCredentialSource({ env: { ...BASE_ENV }, homeDir: home.dir });
    expect(source).toEqual({
      kind: 'default-chain',
      label: 'aws-sdk default chain (shared credentials)',
      link: 'shared credentials',
      maskedKeyId: 'AKIA…AAAA',
    });
  });

  it('4b. default chain: keys in the config file also count as shared credentials', async () => {
    home = createFakeHome({ config: staticProfile('default', KEY_B) });
    const source = await resolveCredentialSource({ env: { ...BASE_ENV }, homeDir: home.dir });
    expect(source).toMatchObject({ link: 'shared credentials', maskedKeyId: 'AKIA…BBBB' });
  });

  it('5. default chain: credential_process runs the configured command', async () => {
    home = createFakeHome();
    const command = home.writeScript(
      'creds.mjs',
      processScript('ASIAPROCESSPROCESS01', ", SessionToken: 'tok', Expiration: '2999-01-01T00:00:00Z'"),
    );
    home.writeConfig(`[default]\ncredential_process = ${command}\n`);
    const source = await resolveCredentialSource({ env: { ...BASE_ENV }, homeDir: home.dir });
    expect(source).toEqual({
      kind: 'default-chain',
      label: 'aws-sdk default chain (credential_process)',
      link: 'credential_process',
      maskedKeyId: 'ASIA…SS01',
      expiresAt: new Date('2999-01-01T00:00:00Z'),
    });
  });

  it('6. nothing configured: kind none, listing every link tried and how to fix it', async () => {
    home = createFakeHome();
    const source = await resolveCredentialSource({ env: { ...BASE_ENV }, homeDir: home.dir });
    expect(source.kind).toBe('none');
    if (source.kind !== 'none') return;
    expect(source.tried.map((line) => line.split(':')[0])).toEqual([
      'env',
      'env',
      'env',
      'aws-sdk default chain (shared credentials)',
      'aws-sdk default chain (web identity)',
      'aws-sdk default chain (container)',
      'aws-sdk default chain (instance metadata)',
    ]);
    expect(source.hint).toContain('AWS_PROFILE');
    expect(source.hint).toContain('aws sso login');
  });
});

describe('whitespace-only variables count as unset', () => {
  it('blank bearer token and keys fall through to the profile', async () => {
    home = createFakeHome({ credentials: staticProfile('dev', KEY_A) });
    const source = await resolveCredentialSource({
      env: {
        ...BASE_ENV,
        AWS_BEARER_TOKEN_BEDROCK: '   ',
        AWS_ACCESS_KEY_ID: ' \t',
        AWS_SECRET_ACCESS_KEY: '\n',
        AWS_PROFILE: ' dev ',
      },
      homeDir: home.dir,
    });
    expect(source).toMatchObject({ kind: 'profile', profile: 'dev' });
  });

  it('a blank AWS_PROFILE falls through to the default profile', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_B) });
    const source = await resolveCredentialSource({
      env: { ...BASE_ENV, AWS_PROFILE: '  ' },
      homeDir: home.dir,
    });
    expect(source).toMatchObject({
      kind: 'default-chain',
      link: 'shared credentials',
      maskedKeyId: 'AKIA…BBBB',
    });
  });

  it('half an env key pair is reported and skipped', async () => {
    home = createFakeHome();
    const source = await resolveCredentialSource({
      env: { ...BASE_ENV, AWS_ACCESS_KEY_ID: KEY_A.id, AWS_SECRET_ACCESS_KEY: ' ' },
      homeDir: home.dir,
    });
    expect(source.kind === 'none' && source.tried[1]).toBe(
      'env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not',
    );
  });
});

describe('typed errors', () => {
  it('AWS_PROFILE naming a missing profile: profile_not_found listing the profiles that exist', async () => {
    home = createFakeHome({
      credentials: staticProfile('default', KEY_A),
      config: '[profile work]\nregion = eu-west-1\n',
    });
    const error = await resolveCredentialSource({
      env: { ...BASE_ENV, AWS_PROFILE: 'nope' },
      homeDir: home.dir,
    }).catch((e: unknown) => e);
    expect(CredentialsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'profile_not_found', source: 'env: AWS_PROFILE (nope)' });
    expect((error as Error).message).toContain('Profiles found: default, work.');
    expect((error as CredentialsError).hint).toContain('aws configure --profile nope');
  });

  it('expired env session credentials: expired_credentials without the key in the message', async () => {
    home = createFakeHome();
    const error = await resolveCredentialSource({
      env: {
        ...BASE_ENV,
        AWS_ACCESS_KEY_ID: 'ASIAEXPIREDEXPIRED01',
        AWS_SECRET_ACCESS_KEY: KEY_A.secret,
        AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEBYaDH7exampletokenexampletokenexample',
        AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
      },
      homeDir: home.dir,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'expired_credentials' });
    const text = `${(error as Error).message} ${(error as CredentialsError).hint}`;
    expect(text).not.toContain('ASIAEXPIREDEXPIRED01');
    expect(text).not.toContain(KEY_A.secret);
    expect(text).toContain('ASIA…ED01');
  });

  it('an SSO profile whose cached login expired: sso_session_expired with the login command', async () => {
    home = createFakeHome({
      config:
        '[profile sso-dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-west-2\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
    });
    const cache = join(home.dir, '.aws', 'sso', 'cache');
    mkdirSync(cache, { recursive: true });
    writeFileSync(
      join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`),
      JSON.stringify({ accessToken: 'old', expiresAt: '2020-01-01T00:00:00Z' }),
    );
    const error = await resolveCredentialSource({
      env: { ...BASE_ENV, AWS_PROFILE: 'sso-dev' },
      homeDir: home.dir,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'sso_session_expired', source: 'env: AWS_PROFILE (sso-dev)' });
    expect((error as CredentialsError).hint).toContain('aws sso login --profile sso-dev');
  });

  it('an SSO default profile that never logged in stops the chain with sso_session_expired', async () => {
    home = createFakeHome({
      config:
        '[default]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n',
    });
    const error = await resolveCredentialSource({ env: { ...BASE_ENV }, homeDir: home.dir }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'sso_session_expired', source: 'aws-sdk default chain (sso)' });
  });

  it('a failing credential_process is reported as tried, without its secrets', async () => {
    home = createFakeHome();
    const command = home.writeScript(
      'fail.mjs',
      "process.stderr.write('boom AKIALEAKEDLEAKED0001'); process.exit(3);",
    );
    home.writeConfig(`[default]\ncredential_process = ${command}\n`);
    const source = await resolveCredentialSource({ env: { ...BASE_ENV }, homeDir: home.dir });
    expect(source.kind).toBe('none');
    const tried = source.kind === 'none' ? source.tried.join('\n') : '';
    expect(tried).toContain('aws-sdk default chain (credential_process)');
    expect(tried).not.toContain('AKIALEAKEDLEAKED0001');
  });
});
