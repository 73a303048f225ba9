import type { StreamPart } from '@outcrop/provider';
import type { GatewayMetrics } from './metrics.js';

/**
 * A routed model (config `models.routes`) names the target that answered in `x-outcrop-target` and counts the
 * call per route and target in /metrics. Target names come from config; the header keeps header-safe characters.
 */
export function noteRoute(
  ctx: { headers: Record<string, string>; metrics: GatewayMetrics },
  part: Extract<StreamPart, { type: 'stream-start' }>,
): void {
  const route = part.route;
  if (!route) return;
  ctx.headers['x-outcrop-target'] = route.target.replace(/[^A-Za-z0-9._:@/-]/g, '_').slice(0, 200);
  ctx.metrics.routed.inc({
    route: route.name,
    target: route.target,
    rerouted: route.attempts > 1 ? 'true' : 'false',
  });
}
