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

describe('temporary credentials from credential_process are refreshed five minutes before expiry', () => {
  it('runs the process again once inside the margin (injected clock)', async () => {
    home = createFakeHome();
    // Each run counts itself in a file and returns a new key valid for 15 minutes of the test's clock.
    const command = home.writeScript(
      'rotating.mjs',
      `import { readFileSync, writeFileSync } from 'node:fs';
const counter = new URL('./runs.txt', import.meta.url);
let runs = 0; try { runs = Number(readFileSync(counter, 'utf8')); } catch {}
runs += 1; writeFileSync(counter, String(runs));
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAPROCESSRUN' + String(runs).padStart(6, '0'),
  SecretAccessKey: 'secret', SessionToken: 'token', Expiration: process.env.FAKE_EXPIRATION }));`,
    );
    const clock = { now: Date.parse('2030-01-01T00:00:00Z') };
    const expiration = new Date(clock.now + 15 * 60_000).toISOString();
    process.env.FAKE_EXPIRATION = expiration; // the child inherits process.env; the SDK runs it
    home.writeConfig(`[default]\ncredential_process = ${command}\n`);
    const connection = await resolveBedrockConnection({
      env: { ...BASE_ENV },
      homeDir: home.dir,
      now: () => clock.now,
    });
    expect(connection.source).toMatchObject({ link: 'credential_process', expiresAt: new Date(expiration) });
    const provider = connection.clientConfig('bedrock-runtime').credentials!;
    expect((await provider()).accessKeyId).toBe('ASIAPROCESSRUN000001');

    clock.now += 9 * 60_000; // 6 minutes left
    expect((await provider()).accessKeyId).toBe('ASIAPROCESSRUN000001');

    process.env.FAKE_EXPIRATION = new Date(clock.now + 15 * 60_000).toISOString();
    clock.now += 2 * 60_000; // 4 minutes left: refresh
    expect((await provider()).accessKeyId).toBe('ASIAPROCESSRUN000002');
    delete process.env.FAKE_EXPIRATION;
  });
});
