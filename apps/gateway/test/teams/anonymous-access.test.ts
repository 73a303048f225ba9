import { parseConfig } from '@outcrop/config-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamsStore, type TeamsStore } from '../../src/teams/teams-store.js';
import { JSON_HEADERS, raw, startTestGateway, type TestGateway, writeConfig } from '../helpers.js';
import { DATABASES, freshDatabase, postgresAvailable, type TestDatabase } from './databases.js';

// No static tokens: the loopback quick start. Once the database holds an active virtual key (or an admin token
// is set) a request without a key is refused, unless gateway.auth.allowAnonymous says otherwise.
describe.each(DATABASES)('anonymous access on %s', (kind) => {
  const skip = kind === 'postgres' && !postgresAvailable();
  let tdb: TestDatabase;
  let t: TestGateway;
  let cli: TeamsStore; // a second process's view, as `outcrop keys` has
  const gatewayConfig = (extra: { auth?: Record<string, unknown>; adminToken?: string } = {}) => ({
    gateway: {
      ...extra,
      database: { path: tdb.path, ...(tdb.url ? { url: tdb.url } : {}) },
    },
  });
  const models = (headers: Record<string, string> = {}) =>
    raw(t.gateway.url, { path: '/v1/models', headers: { ...JSON_HEADERS, ...headers } });
  const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;
  /** The gateway sees keys another process changed on its next poll: wait for it, bounded in tries. */
  const untilStatus = async (status: number) => {
    let last = 0;
    for (let attempt = 0; attempt < 1_200; attempt++) {
      last = (await models()).status;
      if (last === status) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`a request with no key still answered ${last}, not ${status}`);
  };
  const reload = async (config: Record<string, unknown>) => {
    writeConfig(t.configPath, config);
    expect((await t.gateway.reload()).ok).toBe(true);
  };

  beforeAll(async () => {
    if (skip) return;
    tdb = await freshDatabase(kind);
    t = await startTestGateway(gatewayConfig());
    cli = await openTeamsStore({
      config: parseConfig(JSON.stringify(gatewayConfig())),
      homeDir: t.dir,
    });
  });
  afterAll(async () => {
    if (skip) return;
    await cli?.close();
    await t?.stop();
    await tdb.cleanup();
  });

  it.skipIf(skip)('stays open with no keys, and requires a key once one exists', async () => {
    expect(t.gateway.banner).not.toContain('Authorization');
    expect((await models()).status).toBe(200);
    const { key } = await cli.createKey({ name: 'first', budgets: ['5usd/month'] });
    await untilStatus(401);
    const refused = await models();
    expect(refused.headers['www-authenticate']).toBe('Bearer');
    expect(errorOf(refused.body)).toMatchObject({ code: 'invalid_api_key' });
    expect(errorOf(refused.body).message).toMatch(
      /this gateway has virtual keys.*gateway\.auth\.allowAnonymous/,
    );

    expect((await models({ authorization: `Bearer ${key}` })).status).toBe(200);
    // Anthropic's SDKs send the key as x-api-key: it is the same virtual key, checked the same way.
    expect((await models({ 'x-api-key': key })).status).toBe(200);
    const wrong = await models({ 'x-api-key': `${key.slice(0, -4)}AAAA` });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong.body).code).toBe('key_unknown');
    const guessed = await models({ authorization: 'Bearer not-a-key-at-all' });
    expect(guessed.status).toBe(401);
    expect(errorOf(guessed.body).message).toMatch(/^Invalid API key: this gateway has virtual keys/);
  });

  it.skipIf(skip)('admits callers without a key when allowAnonymous is set', async () => {
    await reload(gatewayConfig({ auth: { allowAnonymous: true } }));
    expect((await models()).status).toBe(200);
    await reload(gatewayConfig());
    expect((await models()).status).toBe(401);
  });

  it.skipIf(skip)('opens again when no key is active, and closes while an admin token is set', async () => {
    await cli.keys.revoke('first');
    await untilStatus(200);
    await reload(gatewayConfig({ adminToken: 'admin-secret-token' }));
    const refused = await models();
    expect(refused.status).toBe(401);
    expect(errorOf(refused.body).message).toMatch(/an admin token is set/);
    // The admin token calls models too (the console signs in with it), as LiteLLM's master key does.
    expect((await models({ authorization: 'Bearer admin-secret-token' })).status).toBe(200);
    await reload(gatewayConfig({ adminToken: 'admin-secret-token', auth: { allowAnonymous: true } }));
    expect((await models()).status).toBe(200);
  });

  it.skipIf(skip)(
    "a gateway started with a key in its database shows the key in its banner's curl",
    async () => {
      await cli.createKey({ name: 'second' });
      const again = await startTestGateway(gatewayConfig());
      try {
        expect(again.gateway.banner).toContain('Authorization: Bearer <a key from outcrop keys create>');
      } finally {
        await again.stop();
      }
    },
  );
});
