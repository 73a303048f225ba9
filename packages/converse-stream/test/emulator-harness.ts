// One emulator per test file, the real AWS SDK through a real BedrockConnection, and helpers to drain a stream.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { type Emulator, type EmulatorOptions, startEmulator } from '@outcrop/bedrock-emulator';
import { type BedrockConnection, resolveBedrockConnection } from '@outcrop/credentials';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  type BedrockEventStream,
  type BedrockStreamEvent,
  ConverseStreamError,
  closeConverseClients,
} from '../src/index.js';

export const HAIKU = 'anthropic.claude-3-5-haiku-20241022-v1:0';

export interface Harness {
  emulator: Emulator;
  connection: BedrockConnection;
}

/** Starts an emulator before the file's tests, clears its queue and journal before each, stops it after. */
export function useEmulator(options: EmulatorOptions = {}, extraEnv: Record<string, string> = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    harness.emulator = await startEmulator(options);
    harness.connection = await resolveBedrockConnection({
      env: { ...harness.emulator.env(), ...extraEnv },
      homeDir: mkdtempSync(join(tmpdir(), 'outcrop-cs-test-')),
    });
  });
  beforeEach(() => {
    harness.emulator.scenarios.clear();
    harness.emulator.journal.clear();
  });
  afterAll(async () => {
    closeConverseClients();
    await harness.emulator?.stop();
  });
  return harness;
}

export function ask(
  text: string,
  extra: Partial<ConverseStreamCommandInput> = {},
): ConverseStreamCommandInput {
  return { modelId: HAIKU, messages: [{ role: 'user', content: [{ text }] }], ...extra };
}

export interface Drained {
  events: BedrockStreamEvent[];
  error?: ConverseStreamError;
}

/** Reads a stream to its end; a thrown ConverseStreamError is returned with the events seen before it. */
export async function drain(stream: BedrockEventStream): Promise<Drained> {
  const events: BedrockStreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events };
  } catch (error) {
    if (ConverseStreamError.isInstance(error)) return { events, error };
    throw error;
  }
}

export const types = (events: BedrockStreamEvent[]) => events.map((event) => event.type);

export const text = (events: BedrockStreamEvent[]) =>
  events.map((event) => (event.type === 'textDelta' ? event.text : '')).join('');
