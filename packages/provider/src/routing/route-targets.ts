// A route's targets as the router sees them: one per configured target and service tier (a target without its
// own tier is one target per tier of the route's `tiers`), each with its quota budget and cooldown.
import { type RouteConfig, type RouteTargetConfig, targetName } from '@outcrop/config-schema';
import type { ServiceTier } from '../spec.js';
import { BurndownBudget, outputBurndownRate, type QuotaBudget } from './burndown.js';

export interface RouteTarget {
  /** Label in x-outcrop-target, metrics and warnings. */
  readonly name: string;
  readonly config: RouteTargetConfig;
  readonly region: string;
  /** The model id this target calls. */
  readonly modelId: string;
  readonly serviceTier: ServiceTier | undefined;
  /** Position of the tier in the route's escalation order (0 = tried first). */
  readonly tierRank: number;
  readonly weight: number;
  readonly budget: QuotaBudget;
  /** Resting after a ThrottlingException until this time (ms on the router's clock). */
  coolUntil: number;
  /** Smooth weighted round robin state. */
  current: number;
}

/** The quota pool of a target's account, region and model (shared by every route that names it). */
export type BudgetFor = (config: RouteTargetConfig, modelId: string) => QuotaBudget;

export function routeTargets(
  route: RouteConfig,
  now: () => number,
  budgetFor: BudgetFor = (config, modelId) =>
    new BurndownBudget(
      { tokensPerMinute: config.tokensPerMinute, requestsPerMinute: config.requestsPerMinute },
      outputBurndownRate(modelId),
      now,
    ),
): RouteTarget[] {
  const tiers = route.tiers ?? [];
  const targets: RouteTarget[] = [];
  for (const config of route.targets) {
    const variants: (ServiceTier | undefined)[] =
      config.serviceTier !== undefined ? [config.serviceTier] : tiers.length ? tiers : [undefined];
    const modelId = config.model ?? route.model;
    // One quota pool per account, region and model: a target's tiers share it (quotas are per model and
    // region in an account, not per tier).
    const budget = budgetFor(config, modelId);
    for (const tier of variants) {
      const rank = tier === undefined ? 0 : tiers.indexOf(tier);
      targets.push({
        name: targetName({ ...config, serviceTier: tier }),
        config,
        region: config.region,
        modelId,
        serviceTier: tier,
        tierRank: Math.max(rank, 0),
        weight: config.weight,
        budget,
        coolUntil: 0,
        current: 0,
      });
    }
  }
  return targets;
}
