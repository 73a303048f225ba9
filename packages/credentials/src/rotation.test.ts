import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BASE_ENV,
  createFakeHome,
  type FakeHome,
  KEY_A,
  KEY_B,
  staticProfile,
  touchLater,
} from './__fixtures__/fake-home.js';
import { resolveBedrockConnection } from './connection.js';

let home: FakeHome;
afterEach(() => home?.remove());

describe('rotated shared credential files are picked up without a restart (openclaw #77551)', () => {
  it('the next resolve after rewriting ~/.aws/credentials sees the new key', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) });
    const connection = await resolveBedrockConnection({ env: { ...BASE_ENV }, homeDir: home.dir });
    const provider = connection.clientConfig('bedrock-runtime').credentials!;
    expect((await provider()).accessKeyId).toBe(KEY_A.id);
    expect((await provider()).accessKeyId).toBe(KEY_A.id);

    writeFileSync(home.credentialsFile, staticProfile('default', KEY_B));
    touchLater(home.credentialsFile);
    const rotated = await provider();
    expect(rotated.accessKeyId).toBe(KEY_B.id);
    expect(rotated.secretAccessKey).toBe(KEY_B.secret);
  });

  it('works for AWS_PROFILE too, and a profile removed by the rewrite becomes profile_not_found', async () => {
    home = createFakeHome({ credentials: staticProfile('dev', KEY_A) });
    const connection = await resolveBedrockConnection({
      env: { ...BASE_ENV, AWS_PROFILE: 'dev' },
      homeDir: home.dir,
    });
    const provider = connection.clientConfig('bedrock').credentials!;
    expect((await provider()).accessKeyId).toBe(KEY_A.id);

    writeFileSync(home.credentialsFile, staticProfile('dev', KEY_B));
    touchLater(home.credentialsFile, 5);
    expect((await provider()).accessKeyId).toBe(KEY_B.id);

    writeFileSync(home.credentialsFile, staticProfile('other', KEY_A));
    touchLater(home.credentialsFile, 10);
    await expect(provider()).rejects.toMatchObject({ code: 'profile_not_found' });
  });

  it('an unchanged file is not re-read: the same credentials object is returned', async () => {
    home = createFakeHome({ credentials: staticProfile('default', KEY_A) });
    const connection = await resolveBedrockConnection({ env: { ...BASE_ENV }, homeDir: home.dir });
    const provider = connection.clientConfig('bedrock-runtime').credentials!;
    const first = await provider();
    expect(await provider()).toBe(first);
  });
});
