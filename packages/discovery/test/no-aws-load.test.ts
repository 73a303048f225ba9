// A list served from a warm disk cache needs no AWS SDK module: `outcrop models list` must not pay for loading
// one. Proven in a fresh Node process that records every module load (the built package, as an app imports it).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDiscovery } from '../src/index.js';
import { CATALOG_MODELS, config, connectionTo, emulator, tempDir } from './helpers.js';

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, '..');
const hooks = pathToFileURL(path.join(import.meta.dirname, 'fixtures/load-recorder.mjs')).href;

/**
 * Lists models in a fresh Node process with `env` and the disk cache in `cacheDir`, and returns every module URL
 * it loaded. Asynchronous, so the emulator in this process keeps answering.
 */
async function listInFreshProcess(env: Record<string, string>, cacheDir: string, expectFromCache: boolean) {
  const logFile = path.join(cacheDir, 'loads.log');
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}, { data: { logFile: ${JSON.stringify(logFile)} } });`;
  const script = `
    import { resolveBedrockConnection } from '@outcrop/credentials';
    import { createDiscovery } from '@outcrop/discovery';
    const env = ${JSON.stringify({ AWS_EC2_METADATA_DISABLED: 'true', ...env })};
    const connection = await resolveBedrockConnection({ env, homeDir: ${JSON.stringify(cacheDir)} });
    const config = ${JSON.stringify(config())};
    const result = await createDiscovery({ connection, config, diskCacheDir: ${JSON.stringify(cacheDir)} }).list();
    if (result.fromCache !== ${expectFromCache} || result.models.length === 0) process.exit(3);`;
  await run(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', script],
    { cwd: packageDir, timeout: 15_000 },
  );
  return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
}

const isAws = (url: string) => /\/(@aws-sdk|@smithy|@aws-crypto)\//.test(url);

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
    expect(modules.filter(isAws)).toEqual([]);
  });

  it('loads the control-plane SDK when the cache is cold (the recorder does see it)', async () => {
    const emu = await emulator({ catalog: { models: CATALOG_MODELS } });
    const modules = await listInFreshProcess(emu.env(), await tempDir(), false);
    expect(modules.some((url) => url.includes('/@aws-sdk/client-bedrock/'))).toBe(true);
  });
});
