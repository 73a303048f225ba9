import { request } from 'node:http';
import { z } from 'zod';
import { type AwsCredentials, toAwsCredentials } from './aws-credentials.js';
import { type Env, envFlag, envValue } from './env.js';

// Our own small IMDSv2 client rather than the SDK's fromInstanceMetadata: the SDK reads the endpoint only from
// process.env and the real ~/.aws/config, and retries; we need the caller's env, one short timeout and no retries
// so that a laptop (no IMDS) learns "not on EC2" within `timeoutMs`.

const DEFAULT_ENDPOINT = 'http://169.254.169.254';
const IPV6_ENDPOINT = 'http://[fd00:ec2::254]';
const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/';

const ImdsCredentials = z.object({
  AccessKeyId: z.string().min(1),
  SecretAccessKey: z.string().min(1),
  Token: z.string().min(1),
  Expiration: z.string().min(1),
});

export class MetadataUnavailableError extends Error {
  override name = 'MetadataUnavailableError';
}

export function instanceMetadataDisabled(env: Env): boolean {
  return envFlag(env, 'AWS_EC2_METADATA_DISABLED');
}

export function instanceMetadataEndpoint(env: Env): string {
  const configured = envValue(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT');
  if (configured) return configured.replace(/\/+$/, '');
  return envValue(env, 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE')?.toLowerCase() === 'ipv6'
    ? IPV6_ENDPOINT
    : DEFAULT_ENDPOINT;
}

function call(
  url: URL,
  method: 'GET' | 'PUT',
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method, headers, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 64 * 1024) body += chunk;
      });
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', (error) =>
      reject(new MetadataUnavailableError(`instance metadata unreachable: ${error.message}`)),
    );
    req.end();
  });
}

/** Fetches the instance role's credentials (IMDSv2, falling back to v1 unless AWS_EC2_METADATA_V1_DISABLED). */
export async function fromInstanceMetadataService(env: Env, timeoutMs: number): Promise<AwsCredentials> {
  const base = instanceMetadataEndpoint(env);
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = {};
  const token = await call(
    new URL('/latest/api/token', base),
    'PUT',
    {
      'x-aws-ec2-metadata-token-ttl-seconds': '21600',
    },
    signal,
  );
  if (token.status === 200) headers['x-aws-ec2-metadata-token'] = token.body.trim();
  else if (envFlag(env, 'AWS_EC2_METADATA_V1_DISABLED') || ![403, 404, 405].includes(token.status)) {
    throw new MetadataUnavailableError(`instance metadata token request answered ${token.status}`);
  }
  const roles = await call(new URL(CREDENTIALS_PATH, base), 'GET', headers, signal);
  const role = roles.body.split('\n')[0]?.trim();
  if (roles.status !== 200 || !role) {
    throw new MetadataUnavailableError(`no instance role attached (status ${roles.status})`);
  }
  const creds = await call(
    new URL(CREDENTIALS_PATH + encodeURIComponent(role), base),
    'GET',
    headers,
    signal,
  );
  let json: unknown;
  try {
    json = JSON.parse(creds.body);
  } catch {
    throw new MetadataUnavailableError(`instance metadata credentials are not JSON (status ${creds.status})`);
  }
  const parsed = ImdsCredentials.safeParse(json);
  if (creds.status !== 200 || !parsed.success) {
    throw new MetadataUnavailableError(
      `instance metadata credentials are malformed (status ${creds.status})`,
    );
  }
  return toAwsCredentials({
    accessKeyId: parsed.data.AccessKeyId,
    secretAccessKey: parsed.data.SecretAccessKey,
    sessionToken: parsed.data.Token,
    expiration: new Date(parsed.data.Expiration),
  });
}
