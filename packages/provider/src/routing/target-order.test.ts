import { parseConfig, type RouteConfigInput } from '@outcrop/config-schema';
import { describe, expect, it } from 'vitest';
import { routeTargets } from './route-targets.js';
import { orderTargets } from './target-order.js';

const route = (input: Omit<RouteConfigInput, 'model'>) =>
  parseConfig(
    JSON.stringify({ models: { routes: { r: { model: 'anthropic.claude-sonnet-4-5', ...input } } } }),
  ).models.routes.r!;
const names = (list: { name: string }[]) => list.map((t) => t.name);

describe('orderTargets', () => {
  it('shares calls by weight among targets with headroom (smooth weighted round robin)', () => {
    const targets = routeTargets(
      route({
        targets: [
          { name: 'a', region: 'us-east-1', weight: 3 },
          { name: 'b', region: 'us-west-2' },
        ],
      }),
      () => 0,
    );
    const firsts = Array.from({ length: 8 }, () => orderTargets(targets, { reserve: 1, now: 0 })[0]!.name);
    expect(firsts.filter((n) => n === 'a')).toHaveLength(6);
    expect(firsts.slice(0, 4)).toEqual(['a', 'a', 'b', 'a']);
  });

  it('puts a target without room for the call after those with room, whatever its weight', () => {
    const targets = routeTargets(
      route({
        targets: [
          { name: 'a', region: 'us-east-1', weight: 10, tokensPerMinute: 1000 },
          { name: 'b', region: 'us-west-2', tokensPerMinute: 1000 },
        ],
      }),
      () => 0,
    );
    targets[0]!.budget.reserve(500, 400);
    expect(names(orderTargets(targets, { reserve: 200, now: 0 }))).toEqual(['b', 'a']);
    expect(names(orderTargets(targets, { reserve: 50, now: 0 }))[0]).toBe('a');
  });

  it('puts resting targets last, the soonest awake first', () => {
    const targets = routeTargets(
      route({
        targets: [
          { name: 'a', region: 'us-east-1' },
          { name: 'b', region: 'us-west-2' },
          { name: 'c', region: 'eu-west-1' },
        ],
      }),
      () => 0,
    );
    targets[0]!.coolUntil = 500;
    targets[1]!.coolUntil = 200;
    expect(names(orderTargets(targets, { reserve: 1, now: 100 }))).toEqual(['c', 'b', 'a']);
  });

  it('tries the lowest tier first and escalates in the configured order', () => {
    const targets = routeTargets(
      route({ targets: [{ name: 'a', region: 'us-east-1' }], tiers: ['flex', 'default', 'priority'] }),
      () => 0,
    );
    expect(names(orderTargets(targets, { reserve: 1, now: 0 }))).toEqual([
      'a@flex',
      'a@default',
      'a@priority',
    ]);
    targets[0]!.coolUntil = 10;
    expect(names(orderTargets(targets, { reserve: 1, now: 0 }))).toEqual([
      'a@default',
      'a@priority',
      'a@flex',
    ]);
  });

  it("keeps a conversation on its pinned target, else on another of the pin's region", () => {
    const targets = routeTargets(
      route({
        targets: [
          { name: 'a', region: 'us-east-1', profile: 'one' },
          { name: 'b', region: 'us-east-1', profile: 'two' },
          { name: 'c', region: 'us-west-2' },
        ],
      }),
      () => 0,
    );
    const [a, b, c] = targets as [(typeof targets)[0], (typeof targets)[0], (typeof targets)[0]];
    expect(orderTargets(targets, { reserve: 1, now: 0, pinned: c })[0]).toBe(c);
    c.coolUntil = 10;
    a.coolUntil = 10;
    expect(orderTargets(targets, { reserve: 1, now: 0, pinned: a })[0]).toBe(b);
  });
});
