import { type Env, envValue, type ResolveContextOptions, resolveContext } from './env.js';
import { readConfigValueSync, sharedFilePaths } from './shared-files.js';

export type RegionSource =
  | 'config'
  | 'model-arn'
  | 'profile-prefix'
  | 'AWS_REGION'
  | 'AWS_DEFAULT_REGION'
  | 'aws-profile'
  | 'base-url'
  | 'default';

export interface ResolvedRegion {
  region: string;
  source: RegionSource;
}

export interface ResolveRegionOptions extends ResolveContextOptions {
  /** Region set in Outcrop config; wins over everything. */
  configured?: string;
  /** Model id, inference profile id or ARN about to be called. */
  modelId?: string;
  /** Profile whose `region` in ~/.aws/config applies; default AWS_PROFILE, else `default`. */
  profile?: string;
  /** A configured baseUrl; a standard Bedrock endpoint's region is a last-resort hint (see endpoint.ts). */
  baseUrl?: string;
}

export const DEFAULT_REGION = 'us-east-1';

const ARN_REGION = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):/;

/** The region inside a Bedrock ARN (application inference profile, provisioned model, ...). */
export function regionFromArn(modelId: string): string | undefined {
  return ARN_REGION.exec(modelId.trim())?.[1] || undefined;
}

const STANDARD_ENDPOINT =
  /^https:\/\/bedrock(?:-runtime)?(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/?$/;

/** The region of a standard `https://bedrock-runtime.<region>.amazonaws.com` URL, else undefined. */
export function regionFromStandardEndpoint(url: string): string | undefined {
  return STANDARD_ENDPOINT.exec(url.trim())?.[1];
}

/**
 * Geographic inference-profile prefixes, the regions that may call them, and where to go instead.
 *
 * The rule: a prefix decides the region only when the region we would otherwise use cannot serve it. A `eu.`
 * profile can only be invoked from a European source region, so with AWS_REGION=us-east-1 it must move to Europe;
 * with AWS_REGION=eu-west-3 it stays there (the user's own region in that geography is the better choice).
 * `global.` is invocable from every commercial region, so it never decides. `us.` in practice never decides either:
 * the default region, us-east-1, already serves it; it only moves a call whose region is outside the US.
 */
const GEO_PREFIXES: Record<string, { serves: (region: string) => boolean; fallback: string }> = {
  us: { serves: (r) => r.startsWith('us-') && !r.startsWith('us-gov-'), fallback: 'us-east-1' },
  'us-gov': { serves: (r) => r.startsWith('us-gov-'), fallback: 'us-gov-west-1' },
  eu: { serves: (r) => r.startsWith('eu-'), fallback: 'eu-central-1' },
  apac: { serves: (r) => r.startsWith('ap-'), fallback: 'ap-northeast-1' },
  jp: { serves: (r) => r === 'ap-northeast-1' || r === 'ap-northeast-3', fallback: 'ap-northeast-1' },
  au: { serves: (r) => r === 'ap-southeast-2' || r === 'ap-southeast-4', fallback: 'ap-southeast-2' },
  ca: { serves: (r) => r.startsWith('ca-'), fallback: 'ca-central-1' },
};

/** The geography prefix of an inference-profile id (`eu.anthropic…` -> `eu`), if it has a known one. */
export function profilePrefix(modelId: string): string | undefined {
  const match = /^([a-z-]+)\./.exec(modelId.trim());
  return match && match[1]! in GEO_PREFIXES ? match[1] : undefined;
}

function fallbackRegion(
  env: Env,
  homeDir: string,
  profile: string | undefined,
  baseUrl?: string,
): ResolvedRegion {
  const fromEnv = envValue(env, 'AWS_REGION');
  if (fromEnv) return { region: fromEnv, source: 'AWS_REGION' };
  const fromDefaultEnv = envValue(env, 'AWS_DEFAULT_REGION');
  if (fromDefaultEnv) return { region: fromDefaultEnv, source: 'AWS_DEFAULT_REGION' };
  const profileName = profile?.trim() || envValue(env, 'AWS_PROFILE') || 'default';
  const fromProfile = readConfigValueSync(sharedFilePaths(env, homeDir).configFile, profileName, 'region');
  if (fromProfile) return { region: fromProfile, source: 'aws-profile' };
  const fromBaseUrl = baseUrl ? regionFromStandardEndpoint(baseUrl) : undefined;
  if (fromBaseUrl) return { region: fromBaseUrl, source: 'base-url' };
  return { region: DEFAULT_REGION, source: 'default' };
}

/**
 * The region to call, and where it came from: explicit config, the region in a model ARN, an inference-profile
 * prefix where it decides (see GEO_PREFIXES), AWS_REGION, AWS_DEFAULT_REGION, the profile's `region` in
 * ~/.aws/config, the region of a standard baseUrl, then us-east-1.
 */
export function resolveRegion(options: ResolveRegionOptions = {}): ResolvedRegion {
  const configured = options.configured?.trim();
  if (configured) return { region: configured, source: 'config' };
  const arnRegion = options.modelId ? regionFromArn(options.modelId) : undefined;
  if (arnRegion) return { region: arnRegion, source: 'model-arn' };
  const { env, homeDir } = resolveContext(options);
  const fallback = fallbackRegion(env, homeDir, options.profile, options.baseUrl);
  const prefix = options.modelId ? profilePrefix(options.modelId) : undefined;
  const geography = prefix ? GEO_PREFIXES[prefix] : undefined;
  if (geography && !geography.serves(fallback.region)) {
    return { region: geography.fallback, source: 'profile-prefix' };
  }
  return fallback;
}
