// The contract entry point must load no AWS code: a third-party author installs @outcrop/provider and
// never pays for (or trips over) the AWS SDK. Proven in a fresh Node process that records every module load.
import path from 'node:path';
import { isAwsModule, modulesLoadedBy } from '@outcrop/vitest-config/module-loads';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(import.meta.dirname, '..');

/** Runs `script` (ESM) in a fresh Node process from inside the package and returns every module URL it loaded. */
const loadedModules = (script: string) => modulesLoadedBy(script, { cwd: packageDir });

describe('the @outcrop/provider entry point', () => {
  it('loads no @aws-sdk or @smithy module, even after a provider registry is built and used', async () => {
    const modules = await loadedModules(
      `import * as p from '@outcrop/provider';
       if (typeof p.createOutcrop !== 'function') process.exit(3);
       const registry = p.createProviderRegistry();
       registry.register('x', { specificationVersion: 'v1', api: 'x', stream: async function* () {} });
       await registry.get('x');`,
    );
    expect(modules.some((url) => url.endsWith('/provider/dist/index.js'))).toBe(true);
    expect(modules.filter(isAwsModule)).toEqual([]);
  });

  it('loads the AWS SDK only when the Bedrock API is first used (the recorder does see it)', async () => {
    const modules = await loadedModules(
      `import * as p from '@outcrop/provider';
       const outcrop = await p.createOutcrop({ config: { models: { providers: {}, bedrockDiscovery: { enabled: false,
         refreshInterval: 0, defaultContextWindow: 1, defaultMaxTokens: 1 } }, agents: { defaults: {} },
         gateway: {} }, env: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_REGION: 'us-east-1' } });
       const provider = await outcrop.providers.get('bedrock-converse-stream');
       if (provider?.specificationVersion !== 'v1') process.exit(3);`,
    );
    expect(modules.some((url) => url.endsWith('/provider/dist/bedrock/index.js'))).toBe(true);
    expect(modules.filter(isAwsModule).length).toBeGreaterThan(0);
  });

  it('loads the conformance kit without AWS too', async () => {
    const modules = await loadedModules(`await import('@outcrop/provider/conformance');`);
    expect(modules.some((url) => url.endsWith('/provider/dist/conformance/index.js'))).toBe(true);
    expect(modules.filter(isAwsModule)).toEqual([]);
  });
});
