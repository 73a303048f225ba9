// Where the workspace's apps live, found through package resolution (their package.json is public).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function packageDir(name: '@outcrop/cli' | '@outcrop/gateway'): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** The built CLI entry, run the way `outcrop` runs it. */
export const cliMain = (): string => path.join(packageDir('@outcrop/cli'), 'dist', 'main.js');

/**
 * A CLI child's environment: PATH, this HOME with its own AWS files (the developer's are never read), no colour,
 * no instance metadata; then `extra` (e.g. the emulator's variables).
 */
export function cliEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    NO_COLOR: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    ...extra,
  };
}
