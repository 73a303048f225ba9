import type { TestProject } from 'vitest/node';
import { type RedisServer, redisServerMissing, startRedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A real Redis for the replica tests; undefined (with a printed reason) when redis-server is absent. */
    redisUrl: string | undefined;
  }
}

let server: RedisServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  const missing = redisServerMissing();
  if (missing) {
    console.warn(`[redis] replica tests skipped: ${missing}`);
    project.provide('redisUrl', undefined);
    return;
  }
  server = await startRedisServer();
  project.provide('redisUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
