import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCatalog } from './build-catalog.js';
import { diskCacheFile, readDiskCache, writeDiskCache } from './disk-cache.js';
import { DiscoveryError } from './errors.js';

const models = buildCatalog(
  {
    foundationModels: [
      {
        modelId: 'amazon.nova-lite-v1:0',
        providerName: 'Amazon',
        outputModalities: ['TEXT'],
        responseStreamingSupported: true,
        modelLifecycle: { status: 'ACTIVE' },
      },
    ],
  },
  { region: 'us-east-1', defaults: { contextWindow: 32_000, maxTokens: 4_096 } },
);
const warning = new DiscoveryError('access_denied', 'no profiles', {
  operation: 'ListInferenceProfiles',
  missingAction: 'bedrock:ListInferenceProfiles',
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outcrop-discovery-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('disk cache', () => {
  it('round-trips a snapshot, warnings included, and leaves no temporary file', async () => {
    await writeDiskCache(join(dir, 'nested'), 'key-1', {
      value: models,
      fetchedAt: 5_000,
      warnings: [warning],
    });
    const read = await readDiskCache(join(dir, 'nested'), 'key-1', 6_000);
    expect(read?.value).toEqual(models);
    expect(read?.fetchedAt).toBe(5_000);
    expect(read?.warnings[0]).toMatchObject({
      code: 'access_denied',
      missingAction: 'bedrock:ListInferenceProfiles',
    });
    expect(DiscoveryError.isInstance(read?.warnings[0])).toBe(true);
    expect(await readdir(join(dir, 'nested'))).toEqual([
      diskCacheFile(join(dir, 'nested'), 'key-1').split('/').pop(),
    ]);
  });

  it('stays readable when several processes write the same key at once', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        writeDiskCache(dir, 'k', { value: models, fetchedAt: 100 + i, warnings: [] }),
      ),
    );
    const read = await readDiskCache(dir, 'k', 1_000);
    expect(read?.value).toEqual(models);
    expect(read?.fetchedAt).toBeGreaterThanOrEqual(100);
    expect(await readdir(dir)).toHaveLength(1);
  });

  it('keeps one file per key', async () => {
    await writeDiskCache(dir, 'a', { value: models, fetchedAt: 1, warnings: [] });
    await writeDiskCache(dir, 'b', { value: [], fetchedAt: 2, warnings: [] });
    expect((await readDiskCache(dir, 'a', 10))?.value).toHaveLength(1);
    expect((await readDiskCache(dir, 'b', 10))?.value).toHaveLength(0);
    expect(diskCacheFile(dir, 'a')).not.toBe(diskCacheFile(dir, 'b'));
  });

  it.each([
    ['truncated JSON', (text: string) => text.slice(0, text.length / 2)],
    ['not JSON', () => '\u0000\u0001garbage'],
    [
      'wrong shape',
      () => JSON.stringify({ version: 1, key: 'k', fetchedAt: 1, models: [{ id: 5 }], warnings: [] }),
    ],
    ['another key', (text: string) => text.replace('"key":"k"', '"key":"other"')],
    ['from the future', (text: string) => text.replace(/"fetchedAt":\d+/, '"fetchedAt":99999999999999')],
  ])('ignores a corrupt file: %s', async (_label, corrupt) => {
    await writeDiskCache(dir, 'k', { value: models, fetchedAt: 1_000, warnings: [] });
    const file = diskCacheFile(dir, 'k');
    await writeFile(file, corrupt(await readFile(file, 'utf8')));
    expect(await readDiskCache(dir, 'k', 2_000)).toBeUndefined();
  });

  it('returns nothing when the file or directory is missing', async () => {
    expect(await readDiskCache(join(dir, 'absent'), 'k', 1)).toBeUndefined();
  });
});
