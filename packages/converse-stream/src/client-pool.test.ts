import type { BedrockConnection } from '@outcrop/credentials';
import { afterEach, describe, expect, it } from 'vitest';
import { closeConverseClients, pooledClientCount, runtimeClientFor } from './client-pool.js';

function connection(identity: string, url = 'http://127.0.0.1:1'): BedrockConnection {
  return {
    identity,
    region: { region: 'us-east-1', source: 'config' },
    runtimeEndpoint: { url, source: 'config' },
    clientConfig: (_service: string, overrides?: { region?: string }) => ({
      region: overrides?.region ?? 'us-east-1',
      endpoint: url,
      credentials: async () => ({ accessKeyId: 'AKIDPOOLTEST', secretAccessKey: 'unused' }),
    }),
  } as unknown as BedrockConnection;
}

afterEach(() => closeConverseClients());

describe('runtime client pool', () => {
  it('shares a client per identity, endpoint and region', async () => {
    const a = connection('id-a');
    const client = runtimeClientFor(a, 'us-east-1');
    expect(runtimeClientFor(a, 'us-east-1')).toBe(client);
    expect(runtimeClientFor(connection('id-a'), 'us-east-1')).toBe(client);
    expect(runtimeClientFor(a, 'eu-west-1')).not.toBe(client);
    expect(runtimeClientFor(connection('id-b'), 'us-east-1')).not.toBe(client);
    expect(runtimeClientFor(connection('id-a', 'http://127.0.0.1:2'), 'us-east-1')).not.toBe(client);
    expect(pooledClientCount()).toBe(4);
    expect(await client.config.region()).toBe('us-east-1');
    expect(await client.config.maxAttempts()).toBe(1);
  });

  it('keeps at most 32 clients, dropping the least recently used', () => {
    const first = runtimeClientFor(connection('id-0'), 'us-east-1');
    for (let i = 1; i < 32; i++) runtimeClientFor(connection(`id-${i}`), 'us-east-1');
    runtimeClientFor(connection('id-0'), 'us-east-1');
    runtimeClientFor(connection('id-32'), 'us-east-1');
    expect(pooledClientCount()).toBe(32);
    expect(runtimeClientFor(connection('id-0'), 'us-east-1')).toBe(first);
  });
});
