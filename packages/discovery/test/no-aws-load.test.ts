// A list served from a warm disk cache needs no AWS SDK module: `outcrop models list` must not pay for loading
// one. Proven in a fresh Node process that records every module load (the built package, as an app imports it).
import path from 'node:path';
import { isAwsModule, modulesLoadedBy } from '@outcrop/vitest-config/module-loads';
import { describe, expect, it } from 'vitest';
import { createDiscovery } from '../src/index.js';
import { CATALOG_MODELS, config, connectionTo, emulator, tempDir } from './helpers.js';

const packageDir = path.resolve(import.meta.dirname, '..');

/**
 * Lists models in a fresh Node process with `env` and the disk cache in `cacheDir`, and returns every module URL
 * it loaded (the emulator in this process keeps answering meanwhile).
 */
function listInFreshProcess(env: Record<string, string>, cacheDir: string, expectFromCache: boolean) {
  const script = `
    import { resolveBedrockConnection } from '@outcrop/credentials';
    import { createDiscovery } from '@outcrop/discovery';
    const env = ${JSON.stringify({ AWS_EC2_METADATA_DISABLED: 'true', ...env })};
    const connection = await resolveBedrockConnection({ env, homeDir: ${JSON.stringify(cacheDir)} });
    const config = ${JSON.stringify(config())};
    const result = await createDiscovery({ connection, config, diskCacheDir: ${JSON.stringify(cacheDir)} }).list();
    if (result.fromCache !== ${expectFromCache} || result.models.length === 0) process.exit(3);`;
  return modulesLoadedBy(script, { cwd: packageDir });
}

describe('loading @outcrop/discovery', () => {
  it('loads no AWS SDK module to serve a warm disk cache', async () => {
    const emu = await emulator({ catalog: { models: CATALOG_MODELS } });
    const cacheDir = await tempDir();
    const warm = createDiscovery({
      connection: await connectionTo(emu),
      config: config(),
      diskCacheDir: cacheDir,
    });
    expect((await warm.list()).fromCache).toBe(false);

    const modules = await listInFreshProcess(emu.env(), cacheDir, true);
    expect(modules.some((url) => url.endsWith('/discovery/dist/index.js'))).toBe(true);
    expect(modules.filter(isAwsModule)).toEqual([]);
  });

  it('loads the control-plane SDK when the cache is cold (the recorder does see it)', async () => {
    const emu = await emulator({ catalog: { models: CATALOG_MODELS } });
    const modules = await listInFreshProcess(emu.env(), await tempDir(), false);
    expect(modules.some((url) => url.includes('/@aws-sdk/client-bedrock/'))).toBe(true);
  });
});
