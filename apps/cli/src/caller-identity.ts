// "Who am I" for `models status`: STS GetCallerIdentity with the same credentials Bedrock would get.
// Bounded in time, and skipped when it cannot mean anything (no IAM identity, or a custom endpoint such as
// the emulator with no STS beside it) so the command stays fast and never reaches AWS from a test.
import type { BedrockConnection } from './upstream.js';

export type CallerIdentity =
  | { available: true; account: string; arn: string; userId: string }
  | { available: false; reason: string; expired?: boolean };

export async function lookupCallerIdentity(
  connection: BedrockConnection,
  env: Record<string, string | undefined>,
  timeoutMs = 2500,
): Promise<CallerIdentity> {
  const source = connection.source;
  if (source.kind === 'none') return { available: false, reason: 'no credentials' };
  if (source.kind === 'bearer-token') {
    return { available: false, reason: 'a Bedrock API key has no IAM identity to look up' };
  }
  const stsEndpoint = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined;
  if (connection.runtimeEndpoint.source !== 'default' && !stsEndpoint) {
    return { available: false, reason: 'custom Bedrock endpoint (set AWS_ENDPOINT_URL_STS to look it up)' };
  }
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const { credentials, region } = connection.clientConfig('bedrock');
  const client = new STSClient({
    region,
    credentials,
    maxAttempts: 1,
    ...(stsEndpoint ? { endpoint: stsEndpoint } : {}),
  });
  try {
    const answer = await client.send(new GetCallerIdentityCommand({}), {
      abortSignal: AbortSignal.timeout(timeoutMs),
    });
    return {
      available: true,
      account: answer.Account ?? '',
      arn: answer.Arn ?? '',
      userId: answer.UserId ?? '',
    };
  } catch (error) {
    const name = (error as { name?: string }).name ?? '';
    if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'RequestExpired') {
      return { available: false, reason: 'the credentials are expired', expired: true };
    }
    if (name === 'InvalidClientTokenId' || name === 'SignatureDoesNotMatch') {
      return { available: false, reason: `STS rejected the credentials (${name})` };
    }
    if (name === 'AbortError' || name === 'TimeoutError')
      return { available: false, reason: 'STS did not answer in time' };
    // A network failure is named by its code (ENOTFOUND, ECONNREFUSED...): "Error" alone says nothing.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return { available: false, reason: `STS unreachable (${code})` };
    }
    // The SDK's messages can carry request details; the error name is enough to act on.
    return { available: false, reason: `STS lookup failed (${name || 'unknown error'})` };
  } finally {
    client.destroy();
  }
}
