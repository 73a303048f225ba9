// Links that ask STS, end to end through the SDK against a local STS on 127.0.0.1: web identity from the env
// (EKS IRSA) and an assume-role profile. The SDK's STS client finds its endpoint through AWS_ENDPOINT_URL_STS in
// process.env (its own lookup), so this file sets that on the test process (forks pool) and restores it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASE_ENV, createFakeHome, type FakeHome, KEY_A, staticProfile } from './__fixtures__/fake-home.js';
import { resolveCredentialSource } from './credential-source.js';

let sts: Server;
const actions: string[] = [];
const saved = process.env.AWS_ENDPOINT_URL_STS;
let home: FakeHome | undefined;

function stsResponse(action: string): string {
  return `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials>
<AccessKeyId>ASIASTSSTSSTSSTS0001</AccessKeyId><SecretAccessKey>stssecretstssecretstssecretstssecretsts1</SecretAccessKey>
<SessionToken>sts-session-token</SessionToken><Expiration>2999-01-01T00:00:00Z</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/Bedrock/s</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser>
</${action}Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${action}Response>`;
}

beforeAll(async () => {
  sts = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const action = new URLSearchParams(body).get('Action') ?? 'Unknown';
      actions.push(action);
      res.setHeader('content-type', 'text/xml');
      res.end(stsResponse(action));
    });
  });
  await new Promise<void>((done) => sts.listen(0, '127.0.0.1', done));
  process.env.AWS_ENDPOINT_URL_STS = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
  else process.env.AWS_ENDPOINT_URL_STS = saved;
  await new Promise<void>((done) => sts.close(() => done()));
});
afterEach(() => {
  home?.remove();
  actions.length = 0;
});

describe('links that ask STS', () => {
  it('web identity from AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (EKS IRSA)', async () => {
    home = createFakeHome();
    home.writeScript('token.jwt', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2ln');
    const source = await resolveCredentialSource({
      env: {
        ...BASE_ENV,
        AWS_REGION: 'us-east-1',
        AWS_WEB_IDENTITY_TOKEN_FILE: `${home.dir}/token.jwt`,
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/Bedrock',
      },
      homeDir: home.dir,
    });
    expect(source).toMatchObject({ label: 'aws-sdk default chain (web identity)', maskedKeyId: 'ASIA…0001' });
    expect(actions).toEqual(['AssumeRoleWithWebIdentity']);
  });

  it('a role_arn + source_profile profile assumes the role (labelled shared credentials)', async () => {
    home = createFakeHome({
      credentials: staticProfile('base', KEY_A),
      config:
        '[default]\nrole_arn = arn:aws:iam::123456789012:role/Bedrock\nsource_profile = base\nregion = us-east-1\n',
    });
    const source = await resolveCredentialSource({ env: { ...BASE_ENV }, homeDir: home.dir });
    expect(source).toMatchObject({
      label: 'aws-sdk default chain (shared credentials)',
      maskedKeyId: 'ASIA…0001',
    });
    expect(actions).toEqual(['AssumeRole']);
  });
});
