import { homedir } from 'node:os';

/** Environment variables as a plain map, so callers (and tests) can pass their own instead of process.env. */
export type Env = Record<string, string | undefined>;

/** Reads a variable; empty and whitespace-only values count as unset (a blank export must not shadow a profile). */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** True for the SDK's "enabled" spellings of a boolean variable ('true', '1'); anything else is false. */
export function envFlag(env: Env, name: string): boolean {
  const value = envValue(env, name)?.toLowerCase();
  return value === 'true' || value === '1';
}

export interface ResolveContextOptions {
  env?: Env;
  homeDir?: string;
}

export interface ResolveContext {
  env: Env;
  homeDir: string;
}

/** The process environment and home directory are only ever defaults. */
export function resolveContext(options: ResolveContextOptions = {}): ResolveContext {
  return { env: options.env ?? process.env, homeDir: options.homeDir ?? homedir() };
}
