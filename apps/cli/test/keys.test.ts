import { describe, expect, it } from 'vitest';
import { cleanEnv, parseJson, runCli, startGatewayCli, tempHome } from './cli.js';

interface KeyJson {
  id: string;
  name: string;
  status: string;
  key?: string;
  models: string[] | null;
  rpm: number | null;
  tags: Record<string, string>;
  budgets: { budget: string; used: number }[];
}

describe('outcrop keys', () => {
  it('creates a key printed once, lists, shows, rotates, expires and revokes it', async () => {
    const env = cleanEnv(tempHome());
    const created = await runCli(
      [
        'keys',
        'create',
        '--name',
        'alice',
        '--budget',
        '50usd/month',
        '--models',
        'sonnet,nova',
        '--rpm',
        '60',
        '--tpm',
        '200000',
        '--tag',
        'team=x',
      ],
      { env },
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^ocp_[0-9a-f]{12}_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toContain('shown once');
    const key = created.stdout.trim();

    const listed = await runCli(['keys', 'list', '--json'], { env });
    expect(listed.stdout).not.toContain(key);
    const [alice] = parseJson<KeyJson[]>(listed);
    expect(alice).toMatchObject({
      name: 'alice',
      status: 'active',
      models: ['sonnet', 'nova'],
      rpm: 60,
      tags: { team: 'x' },
    });
    expect(alice!.budgets.map((b) => b.budget)).toEqual(['50usd/month']);
    const table = await runCli(['keys', 'list'], { env });
    expect(table.stdout).toMatch(/^NAME\s+ID\s+STATUS/);
    expect(table.stdout).toContain('50usd/month ($0.00 used)');

    const rotated = await runCli(['keys', 'rotate', 'alice'], { env });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout.trim()).not.toBe(key);
    expect(rotated.stdout.trim()).toMatch(new RegExp(`^ocp_${alice!.id}_`));

    expect((await runCli(['keys', 'expire', 'alice'], { env })).code).toBe(0);
    expect(parseJson<KeyJson>(await runCli(['keys', 'show', 'alice', '--json'], { env })).status).toBe(
      'expired',
    );
    expect((await runCli(['keys', 'revoke', alice!.id], { env })).stdout).toContain('revoked');
    expect((await runCli(['keys', 'show', 'alice'], { env })).stdout).toMatch(/status\s+revoked/);
  });

  it('bad input is a usage error (exit 2) that says what was expected', async () => {
    const env = cleanEnv(tempHome());
    const badBudget = await runCli(['keys', 'create', '--name', 'bob', '--budget', '50eur/month'], { env });
    expect(badBudget.code).toBe(2);
    expect(badBudget.stderr).toContain('e.g. 50usd/month');
    const badTag = await runCli(['keys', 'create', '--name', 'bob', '--tag', 'team'], { env });
    expect(badTag.code).toBe(2);
    const missing = await runCli(['keys', 'show', 'nobody'], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no key with id or name "nobody"');
    const badSince = await runCli(['usage', '--since', 'yesterday'], { env });
    expect(badSince.code).toBe(2);
    const badBy = await runCli(['usage', '--by', 'colour'], { env });
    expect(badBy.code).toBe(2);
  });

  it('a key from `outcrop keys create` works on `outcrop gateway`, and `outcrop usage` reports it', async () => {
    const home = tempHome();
    const env = cleanEnv(home);
    const key = (
      await runCli(['keys', 'create', '--name', 'erin', '--budget', '1usd/day', '--tag', 'team=search'], {
        env,
      })
    ).stdout.trim();
    const { child, url, exited } = await startGatewayCli(env);
    try {
      // Once a key exists, a request with none is refused (gateway.auth.allowAnonymous would admit it).
      expect((await fetch(`${url}/v1/models`)).status).toBe(401);
      const models = (await (
        await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as { data: Array<{ id: string }> };
      const model = models.data.find((m) => m.id.includes('claude'))!.id;
      const ask = (token: string) =>
        fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ model, max_tokens: 50, messages: [{ role: 'user', content: 'ping pong' }] }),
        });
      expect((await ask(key)).status).toBe(200);
      const revoked = await ask(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`);
      expect(revoked.status).toBe(401);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);

    const byKey = parseJson<{ data: { group: string; requests: number; costUsd: number }[] }>(
      await runCli(['usage', '--by', 'key', '--since', '1h', '--json'], { env }),
    );
    expect(byKey.data.find((r) => r.group === 'erin')).toMatchObject({ requests: 1 });
    expect(byKey.data.find((r) => r.group === 'erin')!.costUsd).toBeGreaterThan(0);
    const csv = await runCli(['usage', '--by', 'tag', '--csv'], { env });
    expect(csv.stdout).toMatch(
      /^tag,requests,errors,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,cost_usd\nteam=search,1,0,/,
    );
    const table = await runCli(['usage', '--by', 'day'], { env });
    expect(table.stdout).toMatch(/^DAY\s+REQUESTS/);
    expect(table.stdout).toContain(new Date().toISOString().slice(0, 10));
  });
});
