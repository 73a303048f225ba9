import type { TestProject } from 'vitest/node';
import { findPostgresBin, type PostgresServer, startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

let server: PostgresServer | undefined;

/** One PostgreSQL server for the whole run; each test file makes its own database on it. */
export async function setup(project: TestProject): Promise<void> {
  if (!findPostgresBin() && !process.env.CI) {
    console.warn('PostgreSQL not installed: the PostgreSQL half of the teams tests is skipped');
    project.provide('postgresUrl', '');
    return;
  }
  server = await startPostgres();
  project.provide('postgresUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
