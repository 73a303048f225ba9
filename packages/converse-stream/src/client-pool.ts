import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockConnection } from '@outcrop/credentials';
import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { LRUCache } from 'lru-cache';
import { bedrockEventStreamSerdeProvider } from './event-stream-marshaller.js';

/**
 * Enough distinct region/endpoint/identity combinations for any real process; beyond it, the least recently
 * used goes (not destroyed: it may still be serving a stream, and each stream's HTTP/2 session closes on its own).
 */
const clients = new LRUCache<string, BedrockRuntimeClient>({ max: 32 });

function poolKey(connection: BedrockConnection, region: string): string {
  return `${connection.identity}|${connection.runtimeEndpoint.url ?? 'aws'}|${region}`;
}

/**
 * One SDK client per credential identity, runtime endpoint and region, shared by every request,
 * so credential resolution, endpoint resolution and the HTTP/2 handler are set up once. Retries
 * are ours (`maxAttempts: 1`), and response event streams are decoded by our own frame decoder.
 */
export function runtimeClientFor(connection: BedrockConnection, region: string): BedrockRuntimeClient {
  const key = poolKey(connection, region);
  const existing = clients.get(key);
  if (existing) return existing;
  const base = connection.clientConfig('bedrock-runtime', { region }) as BedrockRuntimeClientConfig;
  const config: BedrockRuntimeClientConfig = {
    // The SDK's HTTP/2 handler (one isolated session per stream, as the SDK does for Bedrock), minus its
    // 300 s session inactivity timeout, which would end a long silent thinking stream before our idle timeout.
    requestHandler: new NodeHttp2Handler({ disableConcurrentStreams: true, sessionTimeout: 0 }),
    ...base,
    maxAttempts: 1,
    eventStreamSerdeProvider:
      bedrockEventStreamSerdeProvider as unknown as BedrockRuntimeClientConfig['eventStreamSerdeProvider'],
  };
  const client = new BedrockRuntimeClient(config);
  clients.set(key, client);
  return client;
}

/** How many clients are pooled (for diagnostics and tests). */
export function pooledClientCount(): number {
  return clients.size;
}

/** Destroys every pooled client and its connections (for shutdown and tests). */
export function closeConverseClients(): void {
  for (const client of clients.values()) client.destroy();
  clients.clear();
}
