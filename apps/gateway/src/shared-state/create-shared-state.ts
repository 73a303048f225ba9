import { createMemoryState } from './memory-state.js';
import { createRedisState } from './redis-state.js';
import type { SharedState } from './shared-state.js';

export interface SharedStateConfig {
  /** `gateway.redis.url`; without it, this process's memory. */
  redisUrl?: string | undefined;
  keyPrefix?: string;
  now?: () => number;
}

/** Chooses where shared state lives, once, at start-up. */
export async function createSharedState(config: SharedStateConfig): Promise<SharedState> {
  if (config.redisUrl === undefined) return createMemoryState(config.now ? { now: config.now } : {});
  return createRedisState({
    url: config.redisUrl,
    ...(config.keyPrefix !== undefined ? { keyPrefix: config.keyPrefix } : {}),
  });
}
