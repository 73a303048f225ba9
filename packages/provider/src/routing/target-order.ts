// The order in which a request tries a route's targets. Targets that are not resting and have room for the
// call come first, the lowest service tier first (tier escalation), then by smooth weighted round robin (nginx's
// rule: deterministic, and each target's share equals its weight); a conversation's pinned target, or another
// in its region, goes ahead of them while it has room. Then targets without room, most headroom first; then
// resting ones, the soonest awake first. Nothing is refused here: Bedrock has the last word.
import type { RouteTarget } from './route-targets.js';

export interface OrderInput {
  /** Tokens the call reserves (input + max_tokens). */
  reserve: number;
  now: number;
  /** The target the conversation's prompt cache lives on, if any. */
  pinned?: RouteTarget | undefined;
}

export function orderTargets(targets: readonly RouteTarget[], input: OrderInput): RouteTarget[] {
  const awake = targets.filter((t) => t.coolUntil <= input.now);
  const ready = awake.filter((t) => t.budget.fits(input.reserve));
  const full = awake
    .filter((t) => !ready.includes(t))
    .sort((a, b) => a.tierRank - b.tierRank || b.budget.headroom() - a.budget.headroom());
  const resting = targets.filter((t) => t.coolUntil > input.now).sort((a, b) => a.coolUntil - b.coolUntil);

  const pinned = input.pinned;
  const sticky: RouteTarget[] = [];
  if (pinned && ready.includes(pinned)) sticky.push(pinned);
  else if (pinned) {
    // Same region, same model: the prompt cache there may still serve the conversation.
    const near = ready.filter((t) => t.region === pinned.region && t.modelId === pinned.modelId);
    sticky.push(...near.slice(0, 1));
  }
  const rest = ready.filter((t) => !sticky.includes(t));
  const lowest = Math.min(...rest.map((t) => t.tierRank));
  const first = sticky.length ? undefined : pickWeighted(rest.filter((t) => t.tierRank === lowest));
  const others = rest
    .filter((t) => t !== first)
    .sort((a, b) => a.tierRank - b.tierRank || b.weight - a.weight);
  return [...sticky, ...(first ? [first] : []), ...others, ...full, ...resting];
}

/** Smooth weighted round robin: every candidate gains its weight, the richest is picked and pays the total. */
function pickWeighted(candidates: readonly RouteTarget[]): RouteTarget | undefined {
  let best: RouteTarget | undefined;
  let total = 0;
  for (const target of candidates) {
    target.current += target.weight;
    total += target.weight;
    if (!best || target.current > best.current) best = target;
  }
  if (best) best.current -= total;
  return best;
}
