import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG_MODELS, calls, discoveryOn, emulator, tempDir } from './helpers.js';

const catalog = { models: CATALOG_MODELS };

function clock(start = 1_700_000_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

// Figures for the report: each test names what it counted in the emulator journal.
describe('discovery cache against the emulator', () => {
  it('serves from cache within refreshInterval and calls upstream again after it', async () => {
    const emu = await emulator({ catalog });
    const t = clock();
    const discovery = await discoveryOn(emu, { refreshInterval: 600 }, { now: t.now });
    const first = await discovery.list();
    t.advance(599_999);
    const second = await discovery.list();
    expect(second).toMatchObject({ fromCache: true, stale: false, fetchedAt: first.fetchedAt });
    expect(second.models).toEqual(first.models);
    first.models.length = 0; // a caller emptying its array does not empty the cache
    expect((await discovery.list()).models).toEqual(second.models);
    expect(calls(emu, 'ListFoundationModels')).toBe(1);
    expect(discovery.cacheInfo()).toMatchObject({ fetchedAt: first.fetchedAt, ageMs: 599_999 });
    t.advance(1);
    expect(await discovery.list()).toMatchObject({ fromCache: false });
    expect(calls(emu, 'ListFoundationModels')).toBe(2);
    expect(calls(emu, 'ListInferenceProfiles')).toBe(2);
  });

  it('refreshInterval 0 calls upstream on every list', async () => {
    const emu = await emulator({ catalog });
    const discovery = await discoveryOn(emu, { refreshInterval: 0 });
    for (let i = 0; i < 3; i += 1) expect((await discovery.list()).fromCache).toBe(false);
    expect(calls(emu, 'ListFoundationModels')).toBe(3);
  });

  it('100 concurrent callers share one upstream request', async () => {
    const emu = await emulator({ catalog });
    const discovery = await discoveryOn(emu);
    const results = await Promise.all(Array.from({ length: 100 }, () => discovery.list()));
    expect(calls(emu, 'ListFoundationModels')).toBe(1);
    expect(calls(emu, 'ListInferenceProfiles')).toBe(1);
    expect(new Set(results.map((r) => r.fetchedAt)).size).toBe(1);
    expect(results.every((r) => r.models.length === results[0]!.models.length)).toBe(true);
  });

  it('keeps serving the last good list when a refresh fails, and reports the error', async () => {
    const emu = await emulator({ catalog });
    const t = clock();
    const discovery = await discoveryOn(emu, { refreshInterval: 60 }, { now: t.now });
    const good = await discovery.list();
    await emu.stop();
    t.advance(60_000);
    const stale = await discovery.list();
    expect(stale).toMatchObject({ stale: true, fromCache: true, fetchedAt: good.fetchedAt });
    expect(stale.models).toEqual(good.models);
    expect(stale.errors[0]).toMatchObject({
      name: 'DiscoveryError',
      code: 'network',
      operation: 'ListFoundationModels',
    });
  });

  it('with nothing cached, a failure is thrown as a typed error', async () => {
    const emu = await emulator({ catalog });
    const discovery = await discoveryOn(emu);
    await emu.stop();
    await expect(discovery.list()).rejects.toMatchObject({ name: 'DiscoveryError', code: 'network' });
  });

  it('keys the cache by region, identity, filter and defaults', async () => {
    const emu = await emulator({ catalog });
    const keys = new Set<string>();
    for (const overrides of [
      {},
      { region: 'eu-west-1' },
      { providerFilter: ['amazon'] },
      { defaultContextWindow: 8_000 },
      { defaultMaxTokens: 1_000 },
    ]) {
      keys.add((await discoveryOn(emu, overrides)).cacheInfo().key);
    }
    keys.add(
      (
        await discoveryOn(
          emu,
          {},
          { env: { AWS_ACCESS_KEY_ID: 'AKIAOTHERIDENTITY001', AWS_SECRET_ACCESS_KEY: 'x' } },
        )
      ).cacheInfo().key,
    );
    expect(keys.size).toBe(6);
    // Same inputs, same key; the key holds no secret.
    expect((await discoveryOn(emu)).cacheInfo().key).toBe((await discoveryOn(emu)).cacheInfo().key);
    expect([...keys].join()).not.toContain(emu.credentials.secretAccessKey);
    expect([...keys].join()).not.toContain(emu.credentials.accessKeyId);
  });

  it('an on-disk cache serves a new process within the TTL, and is refreshed after it', async () => {
    const emu = await emulator({ catalog });
    const dir = join(await tempDir(), 'cache');
    const t = clock();
    const first = await (
      await discoveryOn(emu, { refreshInterval: 300 }, { diskCacheDir: dir, now: t.now })
    ).list();
    expect(await readdir(dir)).toHaveLength(1);
    t.advance(299_000);
    const fromDisk = await (
      await discoveryOn(emu, { refreshInterval: 300 }, { diskCacheDir: dir, now: t.now })
    ).list();
    expect(fromDisk).toMatchObject({ fromCache: true, stale: false, fetchedAt: first.fetchedAt });
    expect(fromDisk.models).toEqual(first.models);
    expect(calls(emu, 'ListFoundationModels')).toBe(1);
    t.advance(1_000);
    const refreshed = await (
      await discoveryOn(emu, { refreshInterval: 300 }, { diskCacheDir: dir, now: t.now })
    ).list();
    expect(refreshed.fromCache).toBe(false);
    expect(calls(emu, 'ListFoundationModels')).toBe(2);
    // A stale disk copy still answers when upstream is down.
    t.advance(301_000);
    await emu.stop();
    const offline = await (
      await discoveryOn(emu, { refreshInterval: 300 }, { diskCacheDir: dir, now: t.now })
    ).list();
    expect(offline).toMatchObject({ stale: true, fetchedAt: refreshed.fetchedAt });
  });

  it('ignores a corrupt disk cache file and rewrites it', async () => {
    const emu = await emulator({ catalog });
    const dir = join(await tempDir(), 'cache');
    await (await discoveryOn(emu, {}, { diskCacheDir: dir })).list();
    const [file] = await readdir(dir);
    await writeFile(join(dir, file!), '{"version":1,"models":[{"id":');
    const again = await (await discoveryOn(emu, {}, { diskCacheDir: dir })).list();
    expect(again.fromCache).toBe(false);
    expect(calls(emu, 'ListFoundationModels')).toBe(2);
    const third = await (await discoveryOn(emu, {}, { diskCacheDir: dir })).list();
    expect(third.fromCache).toBe(true);
    expect(calls(emu, 'ListFoundationModels')).toBe(2);
  });
});
