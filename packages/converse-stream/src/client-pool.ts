import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { BedrockConnection } from '@outcrop/credentials';
import { LRUCache } from 'lru-cache';
import { bedrockEventStreamSerdeProvider } from './event-stream-marshaller.js';
import { SharedSessionHttp2Handler } from './shared-session-handler.js';

interface Pooled {
  client: BedrockRuntimeClient;
  handler: SharedSessionHttp2Handler;
}

/**
 * Enough distinct region/endpoint/identity combinations for any real process; beyond it, the least recently
 * used goes: its HTTP/2 sessions close once the last stream it still serves has ended (never cut mid-stream).
 */
const clients = new LRUCache<string, Pooled>({
  max: 32,
  dispose: (pooled, _key, reason) => {
    if (reason === 'evict') pooled.handler.retire();
  },
});

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
  if (existing) return existing.client;
  const base = connection.clientConfig('bedrock-runtime', { region }) as BedrockRuntimeClientConfig;
  const handler = new SharedSessionHttp2Handler();
  const config: BedrockRuntimeClientConfig = {
    // The SDK's HTTP/2 handler with streams sharing sessions (see shared-session-handler.ts).
    requestHandler: handler,
    ...base,
    maxAttempts: 1,
    eventStreamSerdeProvider:
      bedrockEventStreamSerdeProvider as unknown as BedrockRuntimeClientConfig['eventStreamSerdeProvider'],
  };
  const client = new BedrockRuntimeClient(config);
  clients.set(key, { client, handler });
  return client;
}

/** How many clients are pooled (for diagnostics and tests). */
export function pooledClientCount(): number {
  return clients.size;
}

/** Destroys every pooled client and its connections (for shutdown and tests). */
export function closeConverseClients(): void {
  const all = [...clients.values()];
  clients.clear();
  for (const { client } of all) client.destroy();
}
