// Emulators standing for Bedrock regions and accounts, each with its own keys and quota, and an AWS shared
// credentials file naming one profile per emulator: the router reaches them through the real AWS SDK.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { parseConfig, type RouteConfigInput } from '@outcrop/config-schema';
import { createOutcrop, type Outcrop } from '../src/outcrop.js';
import type { StreamPart } from '../src/stream-parts.js';

export const ROUTED_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

export interface Site {
  name: string;
  region: string;
  emulator: Emulator;
}

export interface RoutingLab {
  sites: Site[];
  homeDir: string;
  /** The clock of every emulator's quota window and of the router: tests move it, never wait. */
  clock: { now: number };
  open(routes: Record<string, RouteConfigInput>): Promise<Outcrop>;
  conversesOn(site: Site): number;
  stop(): Promise<void>;
}

export async function startRoutingLab(
  sites: { name: string; region: string; tokensPerMinute?: number }[],
): Promise<RoutingLab> {
  const clock = { now: 1_000_000 };
  const started: Site[] = [];
  for (const site of sites) {
    const emulator = await startEmulator({
      region: site.region,
      clock: () => clock.now,
      ...(site.tokensPerMinute ? { quotas: { tokensPerMinute: site.tokensPerMinute } } : {}),
    });
    started.push({ name: site.name, region: site.region, emulator });
  }
  const homeDir = mkdtempSync(path.join(tmpdir(), 'outcrop-routing-home-'));
  mkdirSync(path.join(homeDir, '.aws'));
  // One profile per emulator: an account is a named profile.
  writeFileSync(
    path.join(homeDir, '.aws', 'credentials'),
    started
      .map(
        (s) =>
          `[${s.name}]\naws_access_key_id = ${s.emulator.credentials.accessKeyId}\naws_secret_access_key = ${s.emulator.credentials.secretAccessKey}\n`,
      )
      .join('\n'),
  );
  const opened: Outcrop[] = [];
  return {
    sites: started,
    homeDir,
    clock,
    async open(routes) {
      const outcrop = await createOutcrop({
        config: parseConfig(JSON.stringify({ models: { bedrockDiscovery: { enabled: false }, routes } })),
        env: { AWS_EC2_METADATA_DISABLED: 'true' },
        homeDir,
        routing: { now: () => clock.now },
        // No SDK-side waits on a throttled single target: the router's own moves are what is tested.
        transport: { maxAttempts: 1 },
      });
      opened.push(outcrop);
      return outcrop;
    },
    conversesOn: (site) =>
      site.emulator.journal.entries().filter((e) => e.operation === 'ConverseStream').length,
    async stop() {
      await Promise.all(opened.map((o) => o.close()));
      await Promise.all(started.map((s) => s.emulator.stop()));
    },
  };
}

/** A routed target for a site: its region, its account profile, its emulator endpoint. */
export function targetOf(site: Site, extra: Record<string, unknown> = {}) {
  return { name: site.name, region: site.region, profile: site.name, baseUrl: site.emulator.url, ...extra };
}

export async function collect(parts: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const out: StreamPart[] = [];
  for await (const part of parts) out.push(part);
  return out;
}

export const routeOf = (parts: StreamPart[]) =>
  parts.find((p): p is Extract<StreamPart, { type: 'stream-start' }> => p.type === 'stream-start')?.route;
export const finishOf = (parts: StreamPart[]) =>
  parts.find((p): p is Extract<StreamPart, { type: 'finish' }> => p.type === 'finish');
export const errorOf = (parts: StreamPart[]) =>
  parts.find((p): p is Extract<StreamPart, { type: 'error' }> => p.type === 'error');
