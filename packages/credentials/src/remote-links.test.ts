import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeHome, type FakeHome } from './__fixtures__/fake-home.js';
import { resolveBedrockConnection } from './connection.js';
import { resolveCredentialSource } from './credential-source.js';
import { CredentialsError } from './credentials-error.js';

let home: FakeHome | undefined;
let server: Server | undefined;
afterEach(async () => {
  home?.remove();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

const ROLE_CREDENTIALS = {
  AccessKeyId: 'ASIAROLEROLEROLE0001',
  SecretAccessKey: 'rolesecretrolesecretrolesecretrolesecre',
  Token: 'roletoken',
  Expiration: '2999-01-01T00:00:00Z',
};

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

// These endpoints answer: give them the time a loaded machine needs (the 1 s default was missed at load 49 on
// 2 cores). Only the black-hole test below relies on the probe timeout firing.
const ANSWERS = 30_000;

describe('container credentials (ECS / EKS Pod Identity)', () => {
  it('are detected through AWS_CONTAINER_CREDENTIALS_FULL_URI, sending the authorization token', async () => {
    home = createFakeHome();
    const seen: Array<string | undefined> = [];
    const base = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(ROLE_CREDENTIALS));
    });
    const source = await resolveCredentialSource({
      timeoutMs: ANSWERS,
      env: {
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${base}/v2/credentials/abc`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-auth',
      },
      homeDir: home.dir,
    });
    expect(source).toEqual({
      kind: 'default-chain',
      label: 'aws-sdk default chain (container)',
      link: 'container',
      maskedKeyId: 'ASIA…0001',
      expiresAt: new Date('2999-01-01T00:00:00Z'),
    });
    expect(seen).toEqual(['container-auth']);
  });

  it('a shared-credentials default profile comes first in the chain', async () => {
    home = createFakeHome({
      credentials: '[default]\naws_access_key_id = AKIAFILEFILEFILE0001\naws_secret_access_key = x\n',
    });
    const base = await serve((_req, res) => res.end(JSON.stringify(ROLE_CREDENTIALS)));
    const source = await resolveCredentialSource({
      timeoutMs: ANSWERS,
      env: { AWS_EC2_METADATA_DISABLED: 'true', AWS_CONTAINER_CREDENTIALS_FULL_URI: `${base}/creds` },
      homeDir: home.dir,
    });
    expect(source).toMatchObject({ link: 'shared credentials', maskedKeyId: 'AKIA…0001' });
  });
  it('a refresh that fails after the role credentials expired is a typed CredentialsError, never the raw SDK error', async () => {
    home = createFakeHome();
    let calls = 0;
    const base = await serve((_req, res) => {
      calls += 1;
      if (calls === 1) {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ...ROLE_CREDENTIALS, Expiration: '2030-01-01T00:00:00Z' }));
        return;
      }
      res.statusCode = 500;
      res.end('agent down');
    });
    let time = Date.parse('2029-12-31T00:00:00Z');
    const connection = await resolveBedrockConnection({
      env: {
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${base}/v2/credentials/abc`,
      },
      homeDir: home.dir,
      now: () => time,
    });
    const provider = connection.clientConfig('bedrock-runtime').credentials!;
    expect((await provider()).accessKeyId).toBe(ROLE_CREDENTIALS.AccessKeyId);
    time = Date.parse('2030-01-01T00:00:01Z');
    const error = await provider().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(CredentialsError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'no_credentials', source: 'aws-sdk default chain (container)' });
    expect(calls).toBe(2);
  });
});

describe('instance metadata (EC2 instance role)', () => {
  function imds(requests: string[]) {
    return (req: IncomingMessage, res: ServerResponse) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.method === 'PUT' && req.url === '/latest/api/token') {
        res.end('imds-token');
        return;
      }
      if (req.headers['x-aws-ec2-metadata-token'] !== 'imds-token') {
        res.statusCode = 401;
        res.end();
        return;
      }
      if (req.url === '/latest/meta-data/iam/security-credentials/') {
        res.end('app-role\n');
        return;
      }
      if (req.url === '/latest/meta-data/iam/security-credentials/app-role') {
        res.end(JSON.stringify({ Code: 'Success', Type: 'AWS-HMAC', ...ROLE_CREDENTIALS }));
        return;
      }
      res.statusCode = 404;
      res.end();
    };
  }

  it('is detected by resolving it (IMDSv2), unlike Clawdbot which needs AWS_PROFILE=default', async () => {
    home = createFakeHome();
    const requests: string[] = [];
    const base = await serve(imds(requests));
    const source = await resolveCredentialSource({
      timeoutMs: ANSWERS,
      env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: base },
      homeDir: home.dir,
    });
    expect(source).toMatchObject({
      label: 'aws-sdk default chain (instance metadata)',
      maskedKeyId: 'ASIA…0001',
    });
    expect(requests).toEqual([
      'PUT /latest/api/token',
      'GET /latest/meta-data/iam/security-credentials/',
      'GET /latest/meta-data/iam/security-credentials/app-role',
    ]);
  });

  it('an endpoint that never answers is given up after timeoutMs, leaving kind none', async () => {
    home = createFakeHome();
    const base = await serve(() => {
      /* never answers: a laptop on a network that black-holes 169.254.169.254 */
    });
    const source = await resolveCredentialSource({
      env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: base },
      homeDir: home.dir,
      timeoutMs: 100,
    });
    expect(source.kind).toBe('none');
    expect(source.kind === 'none' && source.tried.at(-1)).toMatch(
      /^aws-sdk default chain \(instance metadata\): /,
    );
    server?.closeAllConnections();
  });

  it('malformed role credentials are not accepted', async () => {
    home = createFakeHome();
    const base = await serve((req, res) => {
      if (req.method === 'PUT') res.end('t');
      else if (req.url?.endsWith('/security-credentials/')) res.end('r');
      else res.end('{"AccessKeyId": 42}');
    });
    const source = await resolveCredentialSource({
      timeoutMs: ANSWERS,
      env: { AWS_EC2_METADATA_SERVICE_ENDPOINT: base },
      homeDir: home.dir,
    });
    expect(source.kind === 'none' && source.tried.at(-1)).toContain('malformed');
  });

  it('falls back to IMDSv1 when the token endpoint does not exist, unless v1 is disabled', async () => {
    home = createFakeHome();
    const requests: string[] = [];
    const base = await serve((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.method === 'PUT') res.statusCode = 404;
      if (req.url === '/latest/meta-data/iam/security-credentials/') res.end('v1-role');
      else if (req.method === 'GET') res.end(JSON.stringify(ROLE_CREDENTIALS));
      else res.end();
    });
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: base };
    expect(await resolveCredentialSource({ timeoutMs: ANSWERS, env, homeDir: home.dir })).toMatchObject({
      link: 'instance metadata',
    });
    expect(requests.at(-1)).toBe('GET /latest/meta-data/iam/security-credentials/v1-role');
    const hardened = await resolveCredentialSource({
      timeoutMs: ANSWERS,
      env: { ...env, AWS_EC2_METADATA_V1_DISABLED: 'true' },
      homeDir: home.dir,
    });
    expect(hardened.kind).toBe('none');
  });
});
