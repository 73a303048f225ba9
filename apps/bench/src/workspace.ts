// Where the workspace's apps live, found through package resolution (their package.json is public).
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

export function packageDir(name: '@outcrop/cli' | '@outcrop/gateway'): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** The built CLI entry, run the way `outcrop` runs it. */
export const cliMain = (): string => path.join(packageDir('@outcrop/cli'), 'dist', 'main.js');
