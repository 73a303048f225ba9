// Three claims RESULTS.md once counted as performance targets although no speed could fail them. They are about
// behaviour, so here they are tests against the emulator with the real SDK, each able to fail.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { closeConverseClients } from '@outcrop/converse-stream';
import { type BedrockConnection, resolveBedrockConnection } from '@outcrop/credentials';
import { createDiscovery } from '@outcrop/discovery';
import { createBedrockProvider } from '@outcrop/provider/bedrock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BENCH_TOOL_NAME, toolInputJson, toolScript } from '../src/scripts.js';
import { runNode } from '../src/spawn-node.js';
import { outcropModel } from '../src/stream-consumers.js';
import { cliEnv, cliMain } from '../src/workspace.js';

let emulator: Emulator;
let connection: BedrockConnection;
beforeAll(async () => {
  emulator = await startEmulator();
  connection = await resolveBedrockConnection({
    env: emulator.env(),
    homeDir: mkdtempSync(path.join(tmpdir(), 'outcrop-claims-home-')),
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  emulator.journal.clear();
  emulator.scenarios.clear();
});
afterAll(async () => {
  closeConverseClients();
  await emulator?.stop();
});

describe('tool input is parsed once, at the end', () => {
  it('1 MB of arguments in 1,000 deltas: one JSON.parse of the whole document, the exact object out', async () => {
    const json = toolInputJson();
    emulator.scenarios.push({ script: toolScript(json) });
    const provider = createBedrockProvider({ connection, transport: { maxAttempts: 1 } });
    // Counting calls, not replacing them: a parse of more than half the document is a parse of the buffer.
    const parse = vi.spyOn(JSON, 'parse');
    let args: unknown;
    let deltas = 0;
    for await (const part of provider.stream(outcropModel, {
      messages: [{ role: 'user', content: 'bench' }],
      tools: [{ name: BENCH_TOOL_NAME, parameters: { type: 'object' } }],
    })) {
      if (part.type === 'tool-call-delta') deltas++;
      if (part.type === 'tool-call-end') args = part.arguments;
      if (part.type === 'error') throw part.error;
    }
    const bigParses = parse.mock.calls.filter(
      ([text]) => typeof text === 'string' && text.length > json.length / 2,
    );
    parse.mockRestore();
    expect(deltas).toBe(1_000);
    expect(bigParses).toHaveLength(1);
    expect(JSON.stringify(args)).toBe(json);
  });
});

describe('discovery shares one upstream fetch', () => {
  const CONTROL_PLANE = new Set([
    'ListFoundationModels',
    'ListInferenceProfiles',
    'GetFoundationModel',
    'GetInferenceProfile',
  ]);
  const config = { refreshInterval: 3600, defaultContextWindow: 32_000, defaultMaxTokens: 4096 };
  const upstreamCalls = () => emulator.journal.entries().filter((e) => CONTROL_PLANE.has(e.operation)).length;

  it('100 concurrent callers of a cold discovery cause exactly the calls one caller causes', async () => {
    await createDiscovery({ connection, config }).list();
    const one = upstreamCalls();
    expect(one).toBeGreaterThan(0);
    emulator.journal.clear();
    const shared = createDiscovery({ connection, config });
    const lists = await Promise.all(Array.from({ length: 100 }, () => shared.list()));
    expect(upstreamCalls()).toBe(one);
    const ids = (i: number) => lists[i]!.models.map((m) => m.id);
    for (let i = 1; i < lists.length; i++) expect(ids(i)).toEqual(ids(0));
  });
});

describe('outcrop models list and its discovery cache', () => {
  it('lists from upstream on first use, then makes no list call while the cache is warm', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'outcrop-claims-cli-'));
    const env = cliEnv(home, emulator.env());
    const list = async () => {
      const run = await runNode([cliMain(), 'models', 'list'], { env, cwd: home, killAfterMs: 60_000 });
      expect(run.code, run.stderr).toBe(0);
      return run.stdout;
    };
    const listCalls = () =>
      emulator.journal.entries().filter((e) => e.operation === 'ListFoundationModels').length;
    const first = await list();
    expect(listCalls()).toBeGreaterThan(0);
    emulator.journal.clear();
    const warm = [await list(), await list()];
    expect(listCalls()).toBe(0);
    expect(warm).toEqual([first, first]);
  });
});
