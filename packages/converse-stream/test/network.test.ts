import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveBedrockConnection } from '@outcrop/credentials';
import { afterAll, describe, expect, it } from 'vitest';
import { closeConverseClients, converseStream } from '../src/index.js';
import { ask, drain } from './emulator-harness.js';

/** A 127.0.0.1 port that was just free and now has no listener. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

afterAll(() => closeConverseClients());

describe('converseStream: network failures', () => {
  it('retries a refused connection before any content, then reports service_unavailable', async () => {
    const port = await closedPort();
    const env = {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: `http://127.0.0.1:${port}`,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDNETWORKTEST',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
    };
    const connection = await resolveBedrockConnection({
      env,
      homeDir: mkdtempSync(join(tmpdir(), 'outcrop-cs-net-')),
    });
    const stream = converseStream(ask('hello'), { connection, retryBaseMs: 1, random: () => 0 });
    const { events, error } = await drain(stream);
    expect(events).toEqual([]);
    expect(error).toMatchObject({
      code: 'service_unavailable',
      retryable: true,
      attempts: 3,
      awsName: undefined,
    });
    expect(error?.message).toMatch(/ECONNREFUSED|refused|cancel/i);
    expect(stream.warnings.filter((w) => w.code === 'retried')).toHaveLength(2);
  });
});
