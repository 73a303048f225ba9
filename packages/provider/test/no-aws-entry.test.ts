// The contract entry point must load no AWS code: a third-party author installs @outcrop/provider and
// never pays for (or trips over) the AWS SDK. Proven in a fresh Node process that records every module load.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(import.meta.dirname, '..');
const hooks = pathToFileURL(path.join(import.meta.dirname, 'fixtures/load-recorder.mjs')).href;
const work = mkdtempSync(path.join(tmpdir(), 'outcrop-provider-loads-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `script` (ESM) in a fresh Node process from inside the package and returns every module URL it loaded. */
function loadedModules(name: string, script: string): string[] {
  const logFile = path.join(work, `${name}.log`);
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)}, { data: { logFile: ${JSON.stringify(logFile)} } });`;
  execFileSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', script],
    {
      cwd: packageDir,
      stdio: 'pipe',
      timeout: 15_000,
      env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
    },
  );
  return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
}

const isAws = (url: string) => /\/(@aws-sdk|@smithy|@aws-crypto)\//.test(url);

describe('the @outcrop/provider entry point', () => {
  it('loads no @aws-sdk or @smithy module, even after stream() parts are built and the registry is used', () => {
    const modules = loadedModules(
      'entry',
      `import * as p from '@outcrop/provider';
       if (typeof p.stream !== 'function' || !p.hasApi('bedrock-converse-stream')) process.exit(3);
       p.registerApi('x', { specificationVersion: 'v1', api: 'x', stream: async function* () {} });
       await p.getApi('x');`,
    );
    expect(modules.some((url) => url.endsWith('/provider/dist/index.js'))).toBe(true);
    expect(modules.filter(isAws)).toEqual([]);
  });

  it('loads the AWS SDK only when the Bedrock API is first used (the recorder does see it)', () => {
    const modules = loadedModules(
      'lazy',
      `import * as p from '@outcrop/provider';
       const provider = await p.getApi('bedrock-converse-stream');
       if (provider?.specificationVersion !== 'v1') process.exit(3);`,
    );
    expect(modules.some((url) => url.endsWith('/provider/dist/bedrock/index.js'))).toBe(true);
    expect(modules.filter(isAws).length).toBeGreaterThan(0);
  });

  it('loads the conformance kit without AWS too', () => {
    const modules = loadedModules('conformance', `await import('@outcrop/provider/conformance');`);
    expect(modules.some((url) => url.endsWith('/provider/dist/conformance/index.js'))).toBe(true);
    expect(modules.filter(isAws)).toEqual([]);
  });
});
