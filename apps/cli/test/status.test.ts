import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, parseJson, runCli, tempHome } from './cli.js';

interface StatusJson {
  credentials: {
    ok: boolean;
    kind: string;
    label: string;
    step: number | null;
    maskedKeyId?: string;
    tried?: string[];
  };
  region: { region: string; source: string };
  endpoints: { runtime: { url: string | null; source: string } };
  identity: { account: string; arn: string; userId: string } | { unavailable: string };
  discovery: { enabled: boolean; cacheAgeMs: number | null; cachedAt: string | null };
  models: { primary: string | null; fallbacks: string[] };
  config: { path: string | null; source: string };
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ region: 'eu-west-1' });
});
afterAll(async () => {
  await emulator?.stop();
});

describe('outcrop models status', () => {
  it('--json names the credential source, masked key id, region and its source', async () => {
    const home = tempHome();
    const result = await runCli(['models', 'status', '--json'], { env: cleanEnv(home, emulator.env()) });
    expect(result.code).toBe(0);
    const status = parseJson<StatusJson>(result);
    expect(status.credentials).toMatchObject({
      ok: true,
      kind: 'env-keys',
      label: 'env: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY',
      step: 2,
    });
    const keyId = emulator.credentials.accessKeyId;
    expect(status.credentials.maskedKeyId).toBe(`${keyId.slice(0, 4)}…${keyId.slice(-4)}`);
    expect(status.region).toEqual({ region: 'eu-west-1', source: 'AWS_REGION' });
    expect(status.endpoints.runtime).toEqual({
      url: emulator.url,
      source: 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
    });
    expect(status.discovery).toMatchObject({ enabled: true, cacheAgeMs: null });
    expect(status.models).toEqual({ primary: null, fallbacks: [] });
    expect(status.config).toEqual({ path: null, source: 'none' });
    // Secrets never reach the output.
    expect(result.stdout + result.stderr).not.toContain(keyId);
    expect(result.stdout + result.stderr).not.toContain(emulator.credentials.secretAccessKey);
  });

  it('shows the discovery cache age after a listing, and never calls Bedrock itself', async () => {
    const home = tempHome();
    const env = cleanEnv(home, emulator.env());
    expect((await runCli(['models', 'list', '--json'], { env })).code).toBe(0);
    emulator.journal.clear();
    const status = parseJson<StatusJson>(await runCli(['models', 'status', '--json'], { env }));
    expect(status.discovery.cacheAgeMs).toBeGreaterThanOrEqual(0);
    expect(status.discovery.cachedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(emulator.journal.entries()).toEqual([]);
    const text = await runCli(['models', 'status'], { env });
    expect(text.stdout).toMatch(/^Discovery +on \(cached (just now|\d+s ago), refreshed every 1h\)$/m);
    const again = await runCli(['models', 'list'], { env });
    expect(again.stderr).toMatch(
      / · from cache, fetched (just now|\d+s ago); `outcrop models refresh` to update$/m,
    );
  });

  it('names the network error when STS cannot be reached, instead of a bare "Error"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const env = cleanEnv(tempHome(), {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}`,
    });
    const status = parseJson<StatusJson>(await runCli(['models', 'status', '--json'], { env }));
    expect(status.identity).toEqual({ unavailable: 'STS unreachable (ECONNREFUSED)' });
  });

  it('prints a readable summary', async () => {
    const result = await runCli(['models', 'status'], { env: cleanEnv(tempHome(), emulator.env()) });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Credentials +✓ env: AWS_ACCESS_KEY_ID \+ AWS_SECRET_ACCESS_KEY {2}key \w{4}…\w{4}$/m,
    );
    expect(result.stdout).toMatch(/^Region +eu-west-1 \(from AWS_REGION\)$/m);
    expect(result.stdout).toMatch(/^Discovery +on \(no cache yet\)$/m);
    expect(result.stdout).toMatch(/^Default model +not set/m);
  });

  it('a region from an AWS profile says which profile, in words; the key is masked', async () => {
    const home = tempHome();
    mkdirSync(path.join(home, '.aws'));
    writeFileSync(path.join(home, '.aws', 'config'), '[profile dev]\nregion = ap-southeast-2\n');
    writeFileSync(
      path.join(home, '.aws', 'credentials'),
      '[dev]\naws_access_key_id = AKIAJDEVEXAMPLE12345\naws_secret_access_key = devsecretdevsecretdevsecret\n',
    );
    // Custom Bedrock endpoint: STS is skipped, so nothing leaves the machine.
    const env = cleanEnv(home, { AWS_PROFILE: 'dev', AWS_ENDPOINT_URL_BEDROCK_RUNTIME: emulator.url });
    const result = await runCli(['models', 'status'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Credentials +✓ env: AWS_PROFILE \(dev\) {2}key AKIA…2345$/m);
    expect(result.stdout).toMatch(
      /^Region +ap-southeast-2 \(from the region of AWS profile dev \(~\/\.aws\/config\)\)$/m,
    );
    expect(result.stdout).not.toContain('devsecret');
    const json = parseJson<StatusJson>(await runCli(['models', 'status', '--json'], { env }));
    expect(json.region).toEqual({ region: 'ap-southeast-2', source: 'aws-profile' });
  });

  it('a bearer token is step 1 and is masked', async () => {
    const token = emulator.bearerToken;
    const result = await runCli(['models', 'status', '--json', '--check'], {
      env: cleanEnv(tempHome(), { AWS_BEARER_TOKEN_BEDROCK: token, AWS_REGION: 'us-west-2' }),
    });
    expect(result.code).toBe(0);
    const status = parseJson<StatusJson>(result);
    expect(status.credentials).toMatchObject({
      kind: 'bearer-token',
      step: 1,
      label: 'env: AWS_BEARER_TOKEN_BEDROCK',
    });
    expect(result.stdout).not.toContain(token);
  });

  it('with no credentials says discovery is on from the emulator, as `models list` then lists discovered models', async () => {
    const home = tempHome();
    const status = parseJson<StatusJson & { discovery: { via: string } }>(
      await runCli(['models', 'status', '--json'], { env: cleanEnv(home) }),
    );
    expect(status.discovery).toMatchObject({ enabled: true, via: 'emulator' });
    const list = parseJson<{ discovery: { enabled: boolean }; models: Array<{ invocation: string }> }>(
      await runCli(['models', 'list', '--json'], { env: cleanEnv(home) }),
    );
    expect(list.discovery.enabled).toBe(true);
    expect(list.models.some((model) => model.invocation !== 'configured')).toBe(true);
    const off = parseJson<StatusJson>(
      await runCli(['--no-emulator', 'models', 'status', '--json'], { env: cleanEnv(home) }),
    );
    expect(off.discovery.enabled).toBe(false);
  });

  it('--check exits 4 with no credentials; without --check it still exits 0', async () => {
    const env = cleanEnv(tempHome());
    const checked = await runCli(['models', 'status', '--check', '--json'], { env });
    expect(checked.code).toBe(4);
    const status = parseJson<StatusJson>(checked);
    expect(status.credentials.ok).toBe(false);
    expect(status.credentials.kind).toBe('none');
    expect(status.credentials.tried?.length).toBeGreaterThan(0);
    const plain = await runCli(['models', 'status'], { env });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(
      /^Credentials +✗ none found, looked for in this order:\n +1\. env: AWS_BEARER_TOKEN_BEDROCK/m,
    );
    expect(plain.stdout).toMatch(/^ +hint: /m);
  });

  it('--check exits 4 when a named profile does not exist', async () => {
    const result = await runCli(['models', 'status', '--check'], {
      env: cleanEnv(tempHome(), { AWS_PROFILE: 'nope' }),
    });
    expect(result.code).toBe(4);
    expect(result.stdout).toMatch(/^Credentials +✗ /m);
  });
});

/** A stand-in for STS (the emulator serves Bedrock only): answers GetCallerIdentity, or ExpiredToken. */
async function fakeSts(
  expired: boolean,
): Promise<{ url: string; requests: IncomingHttpHeaders[]; server: Server }> {
  const requests: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    requests.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'text/xml');
      if (expired) {
        response.statusCode = 403;
        response.end(
          '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>r-1</RequestId></ErrorResponse>',
        );
        return;
      }
      response.end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAALICE0000000001</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describe('outcrop models status: caller identity', () => {
  it('shows the STS caller identity, signed with the same credentials', async () => {
    const sts = await fakeSts(false);
    try {
      const env = cleanEnv(tempHome(), { ...emulator.env(), AWS_ENDPOINT_URL_STS: sts.url });
      const status = parseJson<StatusJson>(await runCli(['models', 'status', '--json'], { env }));
      expect(status.identity).toEqual({
        account: '123456789012',
        arn: 'arn:aws:iam::123456789012:user/alice',
        userId: 'AIDAALICE0000000001',
      });
      expect(sts.requests[0]?.authorization).toContain(`Credential=${emulator.credentials.accessKeyId}/`);
      const text = await runCli(['models', 'status'], { env });
      expect(text.stdout).toMatch(
        /^Identity +arn:aws:iam::123456789012:user\/alice \(account 123456789012\)$/m,
      );
    } finally {
      sts.server.close();
    }
  });

  it('is skipped for a custom Bedrock endpoint with no STS endpoint (nothing leaves the machine)', async () => {
    const status = parseJson<StatusJson>(
      await runCli(['models', 'status', '--json'], { env: cleanEnv(tempHome(), emulator.env()) }),
    );
    expect(status.identity).toEqual({ unavailable: expect.stringMatching(/^custom Bedrock endpoint/) });
  });

  it('expired session credentials: --check exits 4', async () => {
    const sts = await fakeSts(true);
    try {
      const env = cleanEnv(tempHome(), {
        ...emulator.env(),
        AWS_SESSION_TOKEN: 'session-token-that-expired-000000000001',
        AWS_ENDPOINT_URL_STS: sts.url,
      });
      const result = await runCli(['models', 'status', '--check'], { env });
      expect(result.code).toBe(4);
      expect(result.stdout).toMatch(
        /^Credentials +✗ env: AWS_ACCESS_KEY_ID \+ AWS_SECRET_ACCESS_KEY {2}key \w{4}…\w{4} \(temporary\), expired$/m,
      );
      expect(result.stdout).not.toContain('session-token-that-expired');
    } finally {
      sts.server.close();
    }
  });
});
