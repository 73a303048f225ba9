import { type Env, envFlag, envValue } from './env.js';
import { regionFromStandardEndpoint } from './region.js';

export type BedrockService = 'bedrock-runtime' | 'bedrock';

export type EndpointSource =
  | 'config'
  | 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME'
  | 'AWS_ENDPOINT_URL_BEDROCK'
  | 'AWS_ENDPOINT_URL'
  | 'default';

export interface ResolvedEndpoint {
  /** Undefined: let the SDK build the regional AWS endpoint. */
  url?: string;
  source: EndpointSource;
}

export interface ResolveEndpointOptions {
  /** The provider's configured baseUrl (it addresses the runtime). */
  baseUrl?: string;
  env?: Env;
}

const SERVICE_VARIABLE = {
  'bedrock-runtime': 'AWS_ENDPOINT_URL_BEDROCK_RUNTIME',
  bedrock: 'AWS_ENDPOINT_URL_BEDROCK',
} as const;

/**
 * Which endpoint a client for `service` should use. A configured baseUrl that is a standard AWS endpoint
 * (`https://bedrock-runtime.<region>.amazonaws.com`, as Clawdbot configs carry) is only a region hint: pinning it
 * would send a profile whose region is elsewhere to the wrong place. Any other baseUrl (VPC endpoint, proxy,
 * emulator) is kept. It addresses the runtime; the control plane uses it too unless it names `bedrock-runtime`
 * (a runtime VPC endpoint cannot serve ListFoundationModels). Then the SDK's variables, service-specific first;
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns those off as it does in the SDK.
 */
export function resolveEndpoint(
  service: BedrockService,
  options: ResolveEndpointOptions = {},
): ResolvedEndpoint {
  const env = options.env ?? process.env;
  const baseUrl = options.baseUrl?.trim().replace(/\/+$/, '');
  if (baseUrl && !regionFromStandardEndpoint(baseUrl)) {
    const runtimeOnly = /^[a-z][a-z0-9+.-]*:\/\/[^/]*\bbedrock-runtime\b/i.test(baseUrl);
    if (service === 'bedrock-runtime' || !runtimeOnly) return { url: baseUrl, source: 'config' };
  }
  if (envFlag(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS')) return { source: 'default' };
  const variable = SERVICE_VARIABLE[service];
  const specific = envValue(env, variable);
  if (specific) return { url: specific, source: variable };
  const global = envValue(env, 'AWS_ENDPOINT_URL');
  if (global) return { url: global, source: 'AWS_ENDPOINT_URL' };
  return { source: 'default' };
}
