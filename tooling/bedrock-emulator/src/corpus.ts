// A corpus of recorded ConverseStream responses, one per documented Bedrock behaviour that client code must
// handle, captured byte for byte with the emulator's record mode (scripts/record-corpus.mjs) and stored as
// `corpus/<behaviour>.bin` plus a JSON sidecar that says what the stream contains. Replay one with
// `emulator.recordings.add(entry.bytes, entry.behaviour)` and the scenario `corpusScenario(entry.behaviour)`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from './scenario-schema.js';

/** What a recording holds, decoded from its frames when it was captured. */
export interface CorpusMeta {
  behaviour: string;
  description: string;
  /** Where the behaviour is documented. */
  source: string;
  modelId: string;
  /** The Converse request that was recorded (body fields, modelId aside). */
  request: Record<string, unknown>;
  scenario?: Scenario;
  /** `:event-type` (or exception / error code) of every frame, in order. */
  frames: string[];
  stopReason?: string;
  /** A modeled exception frame that ends the stream: its `:exception-type` and message. */
  exception?: { type: string; message: string };
  /** An unmodeled `:message-type=error` frame: its code and message. */
  error?: { code: string; message: string };
}

export interface CorpusEntry extends CorpusMeta {
  bytes: Buffer;
}

/** The corpus directory shipped with the package (works from src/ and from dist/). */
export function corpusDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');
}

/** Every recording, sorted by behaviour name. */
export function loadCorpus(dir = corpusDir()): CorpusEntry[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const meta = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CorpusMeta;
      return { ...meta, bytes: readFileSync(join(dir, `${meta.behaviour}.bin`)) };
    });
}

/** One recording by behaviour name; throws with the known names when there is none. */
export function corpusEntry(behaviour: string, dir = corpusDir()): CorpusEntry {
  const all = loadCorpus(dir);
  const entry = all.find((candidate) => candidate.behaviour === behaviour);
  if (!entry) {
    throw new Error(`No corpus recording '${behaviour}'. Known: ${all.map((e) => e.behaviour).join(', ')}`);
  }
  return entry;
}

/** The scenario that replays a corpus recording once it was added under its behaviour name. */
export function corpusScenario(behaviour: string): Scenario {
  return { name: `corpus:${behaviour}`, replay: behaviour };
}
