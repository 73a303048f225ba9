import { Redis } from 'ioredis';
import { GatewayError } from '../errors.js';
import { redisRouteLedger } from './redis-route-ledger.js';
import type { SharedCounter, SharedMemory, SharedState } from './shared-state.js';

// One round trip each, atomic on the server, so two replicas can never both take the last unit.
const INCREMENT_WINDOW = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;
const ACQUIRE_SLOT = `
local n = redis.call('INCR', KEYS[1])
if n > tonumber(ARGV[1]) then redis.call('DECR', KEYS[1]) return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;
const RELEASE_SLOT = `
local n = redis.call('DECR', KEYS[1])
if n <= 0 then redis.call('DEL', KEYS[1]) end
return n`;

export interface RedisStateOptions {
  url: string;
  /** Prefixes every key, so several gateways (or tests) can share one server. */
  keyPrefix?: string;
  /** How long start-up waits for the server. */
  connectTimeoutMs?: number;
}

/**
 * State in Redis, shared by every replica pointing at the same server. Commands fail fast while the server is
 * unreachable (no offline queue), so a request gets a clear 503 rather than waiting on a queue that may never drain.
 */
export async function createRedisState(options: RedisStateOptions): Promise<SharedState> {
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    keyPrefix: options.keyPrefix ?? 'outcrop:',
  });
  // Reconnects are ioredis's job; without a listener an 'error' event would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    throw new GatewayError(
      'shared_state_unavailable',
      `Cannot reach Redis at ${redactUrl(options.url)} (gateway.redis.url): ${(err as Error).message}`,
    );
  }
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      throw new GatewayError(
        'shared_state_unavailable',
        `The gateway's shared state (Redis) did not answer: ${(err as Error).message}`,
        { headers: { 'retry-after': '1' } },
      );
    }
  };
  const counter: SharedCounter = {
    incrementWindow: (key, ttlMs) =>
      call(async () => Number(await client.eval(INCREMENT_WINDOW, 1, `rate:${key}`, String(ttlMs)))),
    acquireSlot: (key, max, ttlMs) =>
      call(
        async () =>
          Number(await client.eval(ACQUIRE_SLOT, 1, `slots:${key}`, String(max), String(ttlMs))) === 1,
      ),
    releaseSlot: (key) =>
      call(async () => {
        await client.eval(RELEASE_SLOT, 1, `slots:${key}`);
      }),
  };
  const memory: SharedMemory = {
    get: (key) => call(async () => (await client.get(`mem:${key}`)) ?? undefined),
    set: (key, value, ttlMs) =>
      call(async () => {
        await client.set(`mem:${key}`, value, 'PX', ttlMs);
      }),
  };
  return {
    kind: 'redis',
    counter,
    memory,
    routeLedger: redisRouteLedger(client, call),
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}
