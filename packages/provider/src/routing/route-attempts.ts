// How a routed call reports its upstream attempts (for traces): through the caller's `onAttempt`, numbered
// across the targets it tried, each naming its target's region, account (profile) and tier. The first attempt
// on a target after the previous one failed says why it was made: `service_tier_escalation` when only the tier
// changed (the same account, region and model), else `reroute`.
import type { ProviderError } from '../errors.js';
import type { UpstreamAttemptObserver, UpstreamAttemptTarget } from '../upstream-attempt.js';
import type { RouteTarget } from './route-targets.js';

export class RouteAttempts {
  private count = 0;
  private previous: { target: RouteTarget; error: ProviderError } | undefined;

  constructor(
    private readonly route: string,
    private readonly observer: UpstreamAttemptObserver,
  ) {}

  /** The observer handed to one target's provider call. */
  observerFor(target: RouteTarget): UpstreamAttemptObserver {
    const moved = this.previous;
    const label: UpstreamAttemptTarget = {
      route: this.route,
      name: target.name,
      ...(target.config.profile !== undefined ? { profile: target.config.profile } : {}),
      ...(target.serviceTier ? { serviceTier: target.serviceTier } : {}),
    };
    return (upstream) =>
      this.observer({
        ...upstream,
        attempt: ++this.count,
        region: target.region,
        target: label,
        ...(moved && upstream.attempt === 1
          ? {
              reason: isEscalation(moved.target, target) ? 'service_tier_escalation' : 'reroute',
              previous: {
                code: moved.error.code,
                ...(moved.error.upstreamName ? { awsName: moved.error.upstreamName } : {}),
              },
            }
          : {}),
      });
  }

  /** The target failed before its first token; the next target's first attempt names the failure. */
  failed(target: RouteTarget, error: ProviderError): void {
    this.previous = { target, error };
  }
}

/** Another tier of the same pool: the same account, region, endpoint and model. */
function isEscalation(from: RouteTarget, to: RouteTarget): boolean {
  const a = from.config;
  const b = to.config;
  return (
    a.region === b.region &&
    a.profile === b.profile &&
    a.baseUrl === b.baseUrl &&
    from.modelId === to.modelId &&
    from.serviceTier !== to.serviceTier
  );
}
