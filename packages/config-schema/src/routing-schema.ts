// `models.routes`: one logical model served by several Bedrock targets (region × account × inference profile ×
// service tier), each with a weight and the quota it has, so the router can spread load by headroom.
import { z } from 'zod';
import {
  awsRegion,
  boolean,
  expected,
  httpUrl,
  nonEmptyString,
  oneOf,
  positiveInt,
} from './schema-fields.js';

const object = <T extends z.core.$ZodLooseShape>(shape: T) => z.strictObject(shape, expected('an object'));

export const SERVICE_TIERS = ['flex', 'default', 'priority', 'reserved'] as const;
const serviceTier = () => oneOf(SERVICE_TIERS);

export const routeTargetSchema = object({
  region: awsRegion().describe('AWS region of this target'),
  profile: nonEmptyString()
    .optional()
    .describe(
      'Named AWS profile (the account); a role to assume is a profile with role_arn + source_profile. Unset: the default credentials',
    ),
  model: nonEmptyString()
    .optional()
    .describe("Bedrock model id, inference profile id or ARN for this target (default: the route's model)"),
  serviceTier: serviceTier()
    .optional()
    .describe("Service tier of this target; unset: each tier of the route's `tiers`, else the default tier"),
  weight: positiveInt().default(1).describe('Share of traffic among targets with headroom'),
  tokensPerMinute: positiveInt()
    .optional()
    .describe("This target's tokens-per-minute quota (Service Quotas), burned down as Bedrock does"),
  requestsPerMinute: positiveInt().optional().describe("This target's requests-per-minute quota"),
  baseUrl: httpUrl().optional().describe('Endpoint (a VPC endpoint, or a local emulator in tests)'),
  name: z
    .string(expected('a target name'))
    .regex(/^[A-Za-z0-9._:@-]{1,64}$/, {
      error: 'expected a target name of letters, digits and . _ : @ - (at most 64)',
    })
    .optional()
    .describe('Label in x-outcrop-target and metrics (default region/profile/tier)'),
});

export const routeSchema = object({
  model: nonEmptyString().describe(
    'The Bedrock model id (or profile id) every target calls unless it names one',
  ),
  targets: z
    .array(routeTargetSchema, expected('an array of targets'))
    .min(1, { error: 'a route needs at least one target' })
    .describe('Where the model is served: region, account, inference profile, tier'),
  tiers: z
    .array(serviceTier(), expected('an array of service tiers'))
    .min(1, { error: 'expected at least one tier' })
    .optional()
    .describe(
      'Escalation order for targets without their own tier, e.g. ["flex", "default", "priority"]: a lower tier is used while it has headroom',
    ),
  cooldownSeconds: positiveInt()
    .default(10)
    .describe('How long a target rests after a ThrottlingException that carries no retry-after'),
  maxAttempts: positiveInt()
    .default(3)
    .describe('Targets tried for one request before its first token (throttled or unavailable ones)'),
  stickiness: object({
    enabled: boolean()
      .default(true)
      .describe('Keep a conversation on the region that holds its prompt cache'),
    ttlSeconds: positiveInt()
      .default(300)
      .describe("How long a conversation stays pinned after its last request (Bedrock's cache TTL is 5 min)"),
    maxConversations: positiveInt()
      .default(10_000)
      .describe('Conversations remembered (least recent dropped)'),
  })
    .prefault({})
    .describe('Prompt-cache affinity: caches are per region'),
}).superRefine((route, ctx) => {
  const seen = new Map<string, number>();
  route.targets.forEach((target, index) => {
    if (target.serviceTier !== undefined || !route.tiers) {
      const name = targetName(target);
      addDuplicate(seen, name, index, ctx);
      return;
    }
    for (const tier of new Set(route.tiers))
      addDuplicate(seen, targetName({ ...target, serviceTier: tier }), index, ctx);
  });
  const tiers = route.tiers ?? [];
  tiers.forEach((tier, index) => {
    if (tiers.indexOf(tier) !== index)
      ctx.addIssue({ code: 'custom', path: ['tiers', index], message: `duplicate tier "${tier}"` });
  });
});

function addDuplicate(seen: Map<string, number>, name: string, index: number, ctx: z.RefinementCtx): void {
  const first = seen.get(name);
  if (first === undefined) {
    seen.set(name, index);
    return;
  }
  if (first === index) return;
  ctx.addIssue({
    code: 'custom',
    path: ['targets', index],
    message: `target "${name}" is the same as targets[${first}]; give one a name or change region, profile, model or tier`,
  });
}

/** The label of a target: its name, else region/profile/tier (and the model when it names its own). */
export function targetName(target: {
  name?: string | undefined;
  region: string;
  profile?: string | undefined;
  model?: string | undefined;
  serviceTier?: string | undefined;
}): string {
  if (target.name) return target.serviceTier ? `${target.name}@${target.serviceTier}` : target.name;
  const parts = [target.region, target.profile ?? 'default'];
  if (target.model) parts.push(target.model);
  if (target.serviceTier) parts.push(target.serviceTier);
  return parts.join('/');
}

export const routesSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, {
      error: 'a route name is letters, digits and . _ : - (no "/" or whitespace)',
    }),
    routeSchema,
    expected('an object of route names to routes'),
  )
  .default({})
  .describe('Logical models routed across several Bedrock targets, called as "amazon-bedrock/<name>"');

export type RouteTargetConfig = z.output<typeof routeTargetSchema>;
export type RouteConfig = z.output<typeof routeSchema>;
export type RouteConfigInput = z.input<typeof routeSchema>;
export type ServiceTierName = (typeof SERVICE_TIERS)[number];
