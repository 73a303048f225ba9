// The SSO link, end to end through the SDK: a cached `aws sso login` token in the fake HOME and a local SSO portal
// answering GetRoleCredentials. The SDK finds the SSO token cache through process.env.HOME and the portal through
// AWS_ENDPOINT_URL_SSO (its own lookups, not ours), so this file sets both on the test process (forks pool:
// one process per file) and restores them.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_ENV, createFakeHome, type FakeHome } from './__fixtures__/fake-home.js';
import { resolveCredentialSource } from './credential-source.js';

let portal: Server;
let portalUrl: string;
const seen: string[] = [];
const saved = { HOME: process.env.HOME, AWS_ENDPOINT_URL_SSO: process.env.AWS_ENDPOINT_URL_SSO };
let home: FakeHome | undefined;

beforeAll(async () => {
  portal = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} token=${req.headers['x-amz-sso_bearer_token']}`);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        roleCredentials: {
          accessKeyId: 'ASIASSOROLESSOROLE01',
          secretAccessKey: 'ssosecretssosecretssosecretssosecretsso1',
          sessionToken: 'sso-session-token',
          expiration: Date.parse('2999-01-01T00:00:00Z'),
        },
      }),
    );
  });
  await new Promise<void>((done) => portal.listen(0, '127.0.0.1', done));
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => portal.close(() => done())));
afterEach(() => {
  home?.remove();
  seen.length = 0;
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

function ssoHome(profileSection: string): FakeHome {
  const fake = createFakeHome({
    config: `${profileSection}\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = BedrockUser\nregion = us-west-2\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n`,
  });
  const cache = join(fake.dir, '.aws', 'sso', 'cache');
  mkdirSync(cache, { recursive: true });
  writeFileSync(
    join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`),
    JSON.stringify({
      accessToken: 'cached-sso-access-token',
      expiresAt: '2999-01-01T00:00:00Z',
      region: 'us-east-1',
      startUrl: 'https://corp.awsapps.com/start',
    }),
  );
  process.env.HOME = fake.dir;
  process.env.AWS_ENDPOINT_URL_SSO = portalUrl;
  return fake;
}

describe('SSO profiles (IAM Identity Center)', () => {
  it('the default profile answering through SSO is labelled as the sso link', async () => {
    home = ssoHome('[default]');
    const source = await resolveCredentialSource({ env: { ...BASE_ENV }, homeDir: home.dir });
    expect(source).toEqual({
      kind: 'default-chain',
      label: 'aws-sdk default chain (sso)',
      link: 'sso',
      maskedKeyId: 'ASIA…LE01',
      expiresAt: new Date('2999-01-01T00:00:00Z'),
    });
    expect(seen).toEqual([
      'GET /federation/credentials?account_id=123456789012&role_name=BedrockUser token=cached-sso-access-token',
    ]);
  });

  it('AWS_PROFILE naming an SSO profile resolves through the portal', async () => {
    home = ssoHome('[profile dev]');
    const source = await resolveCredentialSource({
      env: { ...BASE_ENV, AWS_PROFILE: 'dev' },
      homeDir: home.dir,
    });
    expect(source).toEqual({
      kind: 'profile',
      label: 'env: AWS_PROFILE (dev)',
      profile: 'dev',
      maskedKeyId: 'ASIA…LE01',
    });
  });
});
