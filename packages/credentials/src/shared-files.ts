import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { type Env, envValue } from './env.js';

export interface SharedFilePaths {
  credentialsFile: string;
  configFile: string;
}

export type ProfileData = Record<string, string | undefined>;

function expandHome(path: string, homeDir: string): string {
  if (path === '~') return homeDir;
  if (path.startsWith('~/')) return join(homeDir, path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

/**
 * Where the shared files are, from the given env and home directory. We always hand these paths to the SDK
 * explicitly, because its own lookup reads process.env and the real HOME.
 */
export function sharedFilePaths(env: Env, homeDir: string): SharedFilePaths {
  const credentials = envValue(env, 'AWS_SHARED_CREDENTIALS_FILE');
  const config = envValue(env, 'AWS_CONFIG_FILE');
  return {
    credentialsFile: credentials ? expandHome(credentials, homeDir) : join(homeDir, '.aws', 'credentials'),
    configFile: config ? expandHome(config, homeDir) : join(homeDir, '.aws', 'config'),
  };
}

/** The profile `AWS_PROFILE` names, else `default`. */
export function profileName(env: Env): string {
  return envValue(env, 'AWS_PROFILE') ?? 'default';
}

/**
 * All profiles of both files, config values overlaid by credentials values (the SDK's merge rule). Read fresh on
 * every call (`ignoreCache`), so a rotated credentials file is seen.
 */
export async function loadProfiles(paths: SharedFilePaths): Promise<Record<string, ProfileData>> {
  // Loaded here, not at module load: only profile and default-chain resolution read the files this way.
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const files = await loadSharedConfigFiles({
    filepath: paths.credentialsFile,
    configFilepath: paths.configFile,
    ignoreCache: true,
  });
  const merged: Record<string, ProfileData> = {};
  for (const [name, data] of Object.entries(files.configFile)) merged[name] = { ...data };
  for (const [name, data] of Object.entries(files.credentialsFile))
    merged[name] = { ...merged[name], ...data };
  return merged;
}

/** Names of real profiles (sso-session and services sections, which the loader keys with a dot, are left out). */
export function profileNames(profiles: Record<string, ProfileData>): string[] {
  return Object.keys(profiles)
    .filter((name) => !name.includes('.'))
    .sort();
}

/**
 * A cheap fingerprint of the shared files (mtime and size from one stat each): it changes when either file is
 * rewritten, created or deleted, which is when cached credentials from them must be re-resolved.
 */
export function sharedFilesFingerprint(paths: SharedFilePaths): string {
  return [paths.credentialsFile, paths.configFile]
    .map((file) => {
      try {
        const stat = statSync(file);
        return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
      } catch {
        return 'missing';
      }
    })
    .join('|');
}

/**
 * Reads one key of one profile from the config file synchronously (region resolution is synchronous).
 * Handles `[default]`, `[profile name]` and `key = value`; comments start with `#` or `;`.
 */
export function readConfigValueSync(configFile: string, profile: string, key: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch {
    return undefined;
  }
  const wanted = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  let inProfile = false;
  let found: string | undefined;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (section) {
      inProfile = wanted.includes(section[1]!.replace(/\s+/g, ' '));
      continue;
    }
    if (!inProfile) continue;
    const pair = /^([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (pair && pair[1] === key) found = pair[2]!.trim() || undefined;
  }
  return found;
}
