// Shared setup for tests against the emulator: one emulator, the real provider over the real AWS SDK.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Emulator,
  type EmulatorOptions,
  type JournalEntry,
  startEmulator,
} from '@outcrop/bedrock-emulator';
import { parseConfig } from '@outcrop/config-schema';
import { afterAll, beforeAll } from 'vitest';
import { createBedrockProvider } from '../src/bedrock/index.js';
import { collectParts } from '../src/conformance/suite.js';
import { createOutcrop, type Outcrop } from '../src/outcrop.js';
import type { CallOptions, Context, ModelSpec, ProviderV1 } from '../src/spec.js';
import type { StreamPart } from '../src/stream-parts.js';

export const SONNET_4 = 'us.anthropic.claude-sonnet-4-20250514-v1:0';

export function bedrockModel(id: string, extra: Partial<ModelSpec> = {}): ModelSpec {
  return { provider: 'amazon-bedrock', api: 'bedrock-converse-stream', id, ...extra };
}

export interface Harness {
  emulator: Emulator;
  provider: ProviderV1;
  /** The ConverseStream requests received since the last clear. */
  requests(): JournalEntry[];
  run(model: ModelSpec, context: Context, options?: CallOptions): ReturnType<typeof collectParts>;
}

/** A guardrail every harness emulator knows: it blocks the word "forbidden" in input or output. */
export const GUARDRAIL = { id: 'gr7', version: '1', blockedWords: ['forbidden'] };

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ guardrails: [GUARDRAIL], ...options });
  const homeDir = mkdtempSync(path.join(tmpdir(), 'outcrop-provider-home-'));
  const provider = createBedrockProvider({
    env: emulator.env(),
    homeDir,
    transport: { maxAttempts: 1 },
  });
  return {
    emulator,
    provider,
    requests: () => emulator.journal.entries().filter((entry) => entry.operation === 'ConverseStream'),
    run: (model, context, options) => collectParts(provider.stream(model, context, options)),
  };
}

/**
 * createOutcrop() over a harness's emulator, its Bedrock API served by the harness's provider, so features are
 * tested the way library users reach them. `config` is the JSON of a config; `providers` are added.
 */
export function outcropFor(
  h: Harness,
  options: { config?: unknown; providers?: Record<string, ProviderV1> } = {},
): Promise<Outcrop> {
  return createOutcrop({
    config: parseConfig(JSON.stringify(options.config ?? {})),
    env: h.emulator.env(),
    homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-provider-home-')),
    providers: { 'bedrock-converse-stream': h.provider, ...options.providers },
  });
}

export interface OutcropHarness {
  /** Set before the file's tests run. */
  readonly h: Harness;
  readonly outcrop: Outcrop;
}

/**
 * One harness and one createOutcrop() over it for a whole test file: started in beforeAll, closed and stopped in
 * afterAll. Read `h` and `outcrop` inside tests (they are set once the hooks have run).
 */
export function useOutcropHarness(options: EmulatorOptions = {}): OutcropHarness {
  let h: Harness | undefined;
  let outcrop: Outcrop | undefined;
  beforeAll(async () => {
    h = await startHarness(options);
    outcrop = await outcropFor(h);
  });
  afterAll(async () => {
    await outcrop?.close();
    await h?.emulator.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useOutcropHarness: read h and outcrop inside tests or hooks.');
    return value;
  };
  return {
    get h() {
      return started(h);
    },
    get outcrop() {
      return started(outcrop);
    },
  };
}

export const userSays = (text: string): Context => ({ messages: [{ role: 'user', content: text }] });

/** Replays recorded parts as a stream (to collect them again without another request). */
export async function* replayParts(parts: StreamPart[]): AsyncIterable<StreamPart> {
  yield* parts;
}
