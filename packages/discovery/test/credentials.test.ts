import { describe, expect, it } from 'vitest';
import { discoveryEnabled } from '../src/index.js';
import { CATALOG_MODELS, config, connectionTo, discoveryOn, emulator } from './helpers.js';

const catalog = { models: CATALOG_MODELS };

describe('discovery and the credentials behind it', () => {
  it('with no credentials at all: off by default, and a typed error when forced', async () => {
    const emu = await emulator({ catalog });
    const noKeys = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };
    const connection = await connectionTo(emu, noKeys);
    expect(connection.source.kind).toBe('none');
    expect(discoveryEnabled(config(), connection.source)).toBe(false);
    const forced = await discoveryOn(emu, { enabled: true }, { env: noKeys });
    await expect(forced.list()).rejects.toMatchObject({
      name: 'DiscoveryError',
      code: 'access_denied',
      message: expect.stringContaining('needs AWS credentials: No AWS credentials found'),
    });
    expect(emu.journal.entries()).toHaveLength(0);
  });

  it('expired credentials are reported as rejected, without the secret', async () => {
    const key = { accessKeyId: 'AKIAEXPIREDKEY000001', secretAccessKey: 'expired-secret-value-1' };
    const emu = await emulator({
      catalog,
      credentials: [{ ...key, expiresAt: new Date(Date.now() - 60_000) }],
    });
    const failure = (await (await discoveryOn(emu)).list().catch((error: unknown) => error)) as Error;
    expect(failure).toMatchObject({
      name: 'DiscoveryError',
      code: 'access_denied',
      awsName: 'ExpiredTokenException',
    });
    expect(failure.message).toContain('rejected');
    expect(failure.message).not.toContain(key.secretAccessKey);
  });
});
