import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBedrockConnection } from '@outcrop/credentials';
import { describe, expect, it } from 'vitest';
import { converseStream } from '../src/index.js';
import { ask, drain, types, useEmulator } from './emulator-harness.js';

const h = useEmulator();
const home = () => mkdtempSync(join(tmpdir(), 'outcrop-cs-auth-'));

describe('converseStream against the emulator: authentication', () => {
  it('streams with a Bedrock API key (bearer token) connection', async () => {
    const env = { ...h.emulator.env(), AWS_BEARER_TOKEN_BEDROCK: h.emulator.bearerToken };
    const connection = await resolveBedrockConnection({ env, homeDir: home() });
    const { events, error } = await drain(converseStream(ask('hello'), { connection }));
    expect(error).toBeUndefined();
    expect(types(events)).toContain('messageStop');
    expect(h.emulator.journal.entries()[0]?.auth).toMatchObject({ kind: 'bearer', ok: true });
  });

  it('reports a wrong secret key as an authentication error that does not leak the secret', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const env = { ...h.emulator.env(), AWS_SECRET_ACCESS_KEY: secret };
    const connection = await resolveBedrockConnection({ env, homeDir: home() });
    const { events, error } = await drain(converseStream(ask('hello'), { connection, retryBaseMs: 1 }));
    expect(events).toEqual([]);
    expect(error).toMatchObject({ code: 'authentication', httpStatus: 403, retryable: false, attempts: 1 });
    expect(
      JSON.stringify({ message: error?.message, awsMessage: error?.awsMessage, stack: error?.stack }),
    ).not.toContain(secret);
    expect(h.emulator.journal.entries()).toHaveLength(1);
  });

  it('reports missing credentials as an authentication error without sending anything', async () => {
    const env = {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: h.emulator.url,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const connection = await resolveBedrockConnection({ env, homeDir: home(), timeoutMs: 200 });
    const { error } = await drain(converseStream(ask('hello'), { connection }));
    expect(error).toMatchObject({ code: 'authentication', retryable: false, awsName: undefined });
    expect(h.emulator.journal.entries()).toEqual([]);
  });

  it('honours a configured baseUrl without any endpoint variable', async () => {
    const { accessKeyId, secretAccessKey } = h.emulator.credentials;
    const env = {
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      AWS_REGION: 'us-west-2',
    };
    const connection = await resolveBedrockConnection({ env, homeDir: home(), baseUrl: h.emulator.url });
    const { error } = await drain(converseStream(ask('via baseUrl'), { connection }));
    expect(error).toBeUndefined();
    expect(h.emulator.journal.entries()[0]).toMatchObject({
      operation: 'ConverseStream',
      region: 'us-west-2',
      status: 200,
    });
  });
});
