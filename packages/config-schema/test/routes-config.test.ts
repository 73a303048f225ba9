// models.routes: defaults, located errors for bad targets, duplicate targets and a route hiding a model.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, targetName } from '../src/index.js';

const lines = (...rows: string[]) => rows.join('\n');

function problems(text: string): string[] {
  try {
    parseConfig(text, { fileName: 'outcrop.json5' });
  } catch (error) {
    if (error instanceof ConfigError) return error.format().split('\n');
    throw error;
  }
  throw new Error('expected the config to be rejected');
}

describe('models.routes', () => {
  it('applies defaults to a route and its targets', () => {
    const config = parseConfig(
      lines(
        '{ models: { routes: { sonnet: {',
        "  model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',",
        "  targets: [{ region: 'us-east-1', tokensPerMinute: 200000 }, { region: 'us-west-2', profile: 'b', weight: 2 }],",
        '} } } }',
      ),
    );
    const route = config.models.routes.sonnet!;
    expect(route.cooldownSeconds).toBe(10);
    expect(route.maxAttempts).toBe(3);
    expect(route.stickiness).toEqual({ enabled: true, ttlSeconds: 300, maxConversations: 10_000 });
    expect(route.targets.map((t) => t.weight)).toEqual([1, 2]);
    expect(route.targets.map((t) => targetName(t))).toEqual(['us-east-1/default', 'us-west-2/b']);
  });

  it('locates a bad region, tier and quota', () => {
    expect(
      problems(
        lines(
          '{ models: { routes: { sonnet: {',
          "  model: 'm',",
          '  targets: [',
          "    { region: 'useast1', serviceTier: 'flexx', tokensPerMinute: 0 },",
          '  ],',
          '} } } }',
        ),
      ),
    ).toEqual([
      'models.routes.sonnet.targets[0].region: expected an AWS region such as "us-east-1" (outcrop.json5:4:15)',
      'models.routes.sonnet.targets[0].serviceTier: expected one of "flex", "default", "priority", "reserved"; did you mean "flex"? (outcrop.json5:4:39)',
      'models.routes.sonnet.targets[0].tokensPerMinute: expected a positive integer (outcrop.json5:4:65)',
    ]);
  });

  it('refuses a route without targets, a duplicate target and a duplicate tier', () => {
    expect(
      problems(
        lines(
          '{ models: { routes: {',
          "  a: { model: 'm', targets: [] },",
          "  b: { model: 'm', tiers: ['flex', 'flex'], targets: [{ region: 'us-east-1' }, { region: 'us-east-1' }] },",
          '} } }',
        ),
      ),
    ).toEqual([
      'models.routes.a.targets: a route needs at least one target (outcrop.json5:2:29)',
      'models.routes.b.tiers[1]: duplicate tier "flex" (outcrop.json5:3:36)',
      'models.routes.b.targets[1]: target "us-east-1/default/flex" is the same as targets[0]; give one a name or change region, profile, model or tier (outcrop.json5:3:80)',
    ]);
  });

  it('refuses a route named like a configured Bedrock model, at the key', () => {
    const found = problems(
      lines(
        '{ models: {',
        "  providers: { 'amazon-bedrock': { models: [{ id: 'sonnet' }] } },",
        "  routes: { sonnet: { model: 'm', targets: [{ region: 'us-east-1' }] } },",
        '} }',
      ),
    );
    expect(found).toEqual([
      'models.routes.sonnet: route "sonnet" has the id of a configured amazon-bedrock model; rename the route (outcrop.json5:3:13)',
    ]);
  });

  it('refuses a route name with a slash', () => {
    const found = problems(
      "{ models: { routes: { 'a/b': { model: 'm', targets: [{ region: 'us-east-1' }] } } } }",
    );
    expect(found[0]).toMatch(
      /^models\.routes\["a\/b"\]: invalid key: a route name is letters.*\(outcrop\.json5:1:23\)$/,
    );
  });
});

describe('docs/routing.md', () => {
  it('its example loads with the real loader', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/routing.md', import.meta.url)), 'utf8');
    const block = /```json5\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    const config = parseConfig(block, { fileName: 'docs/routing.md' });
    const route = config.models.routes.sonnet!;
    expect(route.targets.map((t) => targetName(t))).toEqual(['us-east-1/prod-a', 'us-east-1/prod-b', 'west']);
    expect(route.tiers).toEqual(['flex', 'default', 'priority']);
  });
});
