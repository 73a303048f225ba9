// Env keys and bearer tokens need no AWS SDK module: a short-lived CLI must not pay for loading one. Proven in a
// fresh Node process that records every module load (the built package, as an app imports it).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isAwsModule, modulesLoadedBy } from '@outcrop/vitest-config/module-loads';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'outcrop-credentials-loads-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `script` (ESM, `env` and `homeDir` in scope) in a fresh Node process; returns every module URL it loaded. */
function loadedModules(env: Record<string, string>, script: string): Promise<string[]> {
  const prelude = `const env = ${JSON.stringify({ AWS_EC2_METADATA_DISABLED: 'true', ...env })}; const homeDir = ${JSON.stringify(work)};`;
  return modulesLoadedBy(prelude + script, { cwd: packageDir });
}

const keys = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

describe('loading @outcrop/credentials', () => {
  it('loads no AWS SDK module to resolve env keys and hand credentials to a client', async () => {
    const modules = await loadedModules(
      keys,
      `import { resolveBedrockConnection } from '@outcrop/credentials';
       const connection = await resolveBedrockConnection({ env, homeDir });
       const resolved = await connection.clientConfig('bedrock-runtime').credentials();
       if (connection.source.kind !== 'env-keys' || resolved.accessKeyId !== env.AWS_ACCESS_KEY_ID) process.exit(3);`,
    );
    expect(modules.some((url) => url.endsWith('/credentials/dist/index.js'))).toBe(true);
    expect(modules.filter(isAwsModule)).toEqual([]);
  });

  it('loads no AWS SDK module for a bearer token', async () => {
    const modules = await loadedModules(
      { AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-example' },
      `import { resolveBedrockConnection } from '@outcrop/credentials';
       const connection = await resolveBedrockConnection({ env, homeDir });
       if (connection.source.kind !== 'bearer-token') process.exit(3);`,
    );
    expect(modules.filter(isAwsModule)).toEqual([]);
  });

  it('loads the SDK providers when a profile is resolved (the recorder does see them)', async () => {
    const credentialsFile = path.join(work, 'credentials');
    writeFileSync(
      credentialsFile,
      `[work]\naws_access_key_id = ${keys.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${keys.AWS_SECRET_ACCESS_KEY}\n`,
    );
    const modules = await loadedModules(
      { AWS_PROFILE: 'work', AWS_SHARED_CREDENTIALS_FILE: credentialsFile },
      `import { resolveCredentialSource } from '@outcrop/credentials';
       const source = await resolveCredentialSource({ env, homeDir });
       if (source.kind !== 'profile') process.exit(3);`,
    );
    expect(modules.some((url) => url.includes('/@aws-sdk/credential-providers/'))).toBe(true);
  });
});
