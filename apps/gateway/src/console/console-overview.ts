import type { RecentError } from './recent-errors.js';

/** Where this gateway sends requests, as start-up resolved it (no secrets: the source is a label). */
export interface UpstreamFacts {
  usingEmulator: boolean;
  region: string;
  credentialSource: string;
  discoveryEnabled: boolean;
  /** When discovery last listed Bedrock (epoch ms), if it has. */
  discoveryFetchedAt(): number | undefined;
}

/** The body of GET /console/api/overview; the console's Overview page and its upstream strip read it. */
export interface ConsoleOverview {
  role: 'admin' | 'key' | 'open';
  upstream: { kind: 'emulator' | 'bedrock'; region: string; credentialSource: string };
  discovery: { enabled: boolean; models: number; refreshedAt?: string };
  health: { ready: boolean; draining: boolean; inFlight: number };
  recentErrors: RecentError[];
}

export function consoleOverview(input: {
  role: ConsoleOverview['role'];
  upstream: UpstreamFacts;
  models: number;
  ready: boolean;
  draining: boolean;
  inFlight: number;
  recentErrors: RecentError[];
}): ConsoleOverview {
  const { upstream } = input;
  const fetchedAt = upstream.discoveryFetchedAt();
  return {
    role: input.role,
    upstream: {
      kind: upstream.usingEmulator ? 'emulator' : 'bedrock',
      region: upstream.region,
      credentialSource: upstream.usingEmulator
        ? 'the embedded emulator (no AWS credentials)'
        : upstream.credentialSource,
    },
    discovery: {
      enabled: upstream.discoveryEnabled,
      models: input.models,
      ...(fetchedAt !== undefined ? { refreshedAt: new Date(fetchedAt).toISOString() } : {}),
    },
    health: { ready: input.ready, draining: input.draining, inFlight: input.inFlight },
    recentErrors: input.recentErrors,
  };
}
