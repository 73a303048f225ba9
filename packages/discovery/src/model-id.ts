// Bedrock model identifiers come in five shapes; this file tells them apart without any network call.
//   anthropic.claude-sonnet-4-5-20250929-v1:0                                        bare foundation model id
//   us.anthropic.claude-sonnet-4-5-20250929-v1:0                                     system-defined profile id
//   arn:aws:bedrock:us-east-1::foundation-model/<model id>                           foundation model ARN
//   arn:aws:bedrock:us-east-1:<account>:inference-profile/<profile id>               system profile ARN
//   arn:aws:bedrock:us-east-1:<account>:application-inference-profile/<resource id> application profile ARN

/** Prefixes of system-defined (cross-region) inference profile ids. */
export const PROFILE_PREFIXES = ['us', 'us-gov', 'eu', 'apac', 'jp', 'au', 'ca', 'global'] as const;
export type ProfilePrefix = (typeof PROFILE_PREFIXES)[number];

export type ParsedModelId =
  | { kind: 'foundation-model'; baseModelId: string; region?: string }
  | {
      kind: 'system-profile';
      baseModelId: string;
      prefix: ProfilePrefix;
      region?: string;
      accountId?: string;
    }
  | { kind: 'application-profile'; resourceId: string; region: string; accountId: string }
  | { kind: 'other-arn'; resourceType: string; region: string };

const ARN = /^arn:(aws[a-z-]*):bedrock:([a-z0-9-]+):(\d*):([a-z-]+)\/(.+)$/;
const PREFIXED = new RegExp(`^(${PROFILE_PREFIXES.join('|')})\\.(.+)$`);

function splitPrefix(id: string): { prefix: ProfilePrefix; rest: string } | undefined {
  const match = PREFIXED.exec(id);
  // A model id always has a provider segment before its first dot, so `us.x` alone is not a profile.
  if (!match?.[1] || !match[2]?.includes('.')) return undefined;
  return { prefix: match[1] as ProfilePrefix, rest: match[2] };
}

export function parseModelId(modelId: string): ParsedModelId {
  const id = modelId.trim();
  const arn = ARN.exec(id);
  if (arn) {
    const [, , region = '', accountId = '', resourceType = '', resource = ''] = arn;
    if (resourceType === 'foundation-model')
      return { kind: 'foundation-model', baseModelId: resource, region };
    if (resourceType === 'application-inference-profile') {
      return { kind: 'application-profile', resourceId: resource, region, accountId };
    }
    if (resourceType === 'inference-profile') {
      const split = splitPrefix(resource);
      if (split) {
        return { kind: 'system-profile', baseModelId: split.rest, prefix: split.prefix, region, accountId };
      }
    }
    return { kind: 'other-arn', resourceType, region };
  }
  const split = splitPrefix(id);
  if (split) return { kind: 'system-profile', baseModelId: split.rest, prefix: split.prefix };
  return { kind: 'foundation-model', baseModelId: id };
}

/**
 * The foundation model behind an id: strips a profile prefix (`us.`, `eu.`, `apac.`, `global.`, ...) and
 * unwraps foundation-model and system-profile ARNs. An application profile ARN names no model in itself,
 * so it comes back unchanged (discovery resolves it through the profile's `models[].modelArn`).
 */
export function baseModelIdOf(modelId: string): string {
  const parsed = parseModelId(modelId);
  switch (parsed.kind) {
    case 'foundation-model':
    case 'system-profile':
      return parsed.baseModelId;
    case 'application-profile':
    case 'other-arn':
      return modelId.trim();
  }
}

/** The region an ARN names, if the id is an ARN. */
export function regionOfModelId(modelId: string): string | undefined {
  const parsed = parseModelId(modelId);
  return 'region' in parsed ? parsed.region : undefined;
}

/** The provider segment of a model id: `anthropic` for `us.anthropic.claude-…`. */
export function providerSegmentOf(modelId: string): string {
  const base = baseModelIdOf(modelId);
  const dot = base.indexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** The foundation model id inside a foundation-model ARN, as found in a profile's `models[].modelArn`. */
export function modelIdFromFoundationArn(arn: string): string | undefined {
  const parsed = parseModelId(arn);
  return parsed.kind === 'foundation-model' && arn.startsWith('arn:') ? parsed.baseModelId : undefined;
}
