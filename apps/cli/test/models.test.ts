import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, parseJson, runCli, tempHome } from './cli.js';

interface ListJson {
  count: number;
  models: Array<{
    ref: string;
    kind: 'chat' | 'embedding';
    id: string;
    vendor: string | null;
    invocation: string;
    input: string[];
    contextWindow: number | null;
    maxTokens: number | null;
    reasoning: boolean;
    embedding: { dimensions: number[]; maxInputsPerCall: number; maxInputChars: number | null } | null;
    tags: string[];
  }>;
  discovery: {
    enabled: boolean;
    fromCache: boolean;
    stale: boolean;
    fetchedAt: string | null;
    errors: unknown[];
  };
  emulator: boolean;
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
});

const listCalls = () =>
  emulator.journal.entries().filter((entry) => entry.operation === 'ListFoundationModels').length;

function writeConfig(home: string, text: string): void {
  mkdirSync(path.join(home, '.outcrop'), { recursive: true });
  writeFileSync(path.join(home, '.outcrop', 'config.json5'), text);
}

describe('outcrop models list', () => {
  it('--json lists discovered models with their limits and invocation, exit 0', async () => {
    const home = tempHome();
    const result = await runCli(['models', 'list', '--json'], { env: cleanEnv(home, emulator.env()) });
    expect(result.code).toBe(0);
    const list = parseJson<ListJson>(result);
    expect(list.count).toBe(list.models.length);
    expect(list.count).toBeGreaterThan(5);
    expect(list.emulator).toBe(false); // credentials were given: this is "real" Bedrock to the CLI
    expect(list.discovery).toMatchObject({ enabled: true, fromCache: false, errors: [] });
    for (const model of list.models) {
      expect(model.ref).toBe(`amazon-bedrock/${model.id}`);
      expect(['on-demand', 'inference-profile', 'application-profile', 'configured']).toContain(
        model.invocation,
      );
      expect(model.input).toContain('text');
      if (model.kind === 'chat') expect(model.contextWindow).toBeGreaterThan(0);
      else expect(model.embedding?.maxInputsPerCall).toBeGreaterThan(0);
    }
    // Chat models first, then Bedrock's embedding models, marked as such.
    const kinds = list.models.map((model) => model.kind);
    expect(kinds.indexOf('embedding')).toBe(kinds.length - kinds.filter((k) => k === 'embedding').length);
    expect(list.models.find((model) => model.id === 'amazon.titan-embed-text-v2:0')).toMatchObject({
      kind: 'embedding',
      contextWindow: null,
      embedding: { dimensions: [1024, 512, 256], maxInputsPerCall: 1, maxInputChars: 50_000 },
    });
    expect(list.models.some((model) => model.invocation === 'inference-profile')).toBe(true);
    // Without --all there is one row per base model.
    const all = parseJson<ListJson>(
      await runCli(['models', 'list', '--json', '--all'], { env: cleanEnv(home, emulator.env()) }),
    );
    expect(all.count).toBeGreaterThan(list.count);
  });

  it('a second run is served from the on-disk cache in ~/.outcrop/cache; --refresh lists again', async () => {
    const home = tempHome();
    const env = cleanEnv(home, emulator.env());
    const first = parseJson<ListJson>(await runCli(['models', 'list', '--json'], { env }));
    const callsAfterFirst = listCalls();
    const second = parseJson<ListJson>(await runCli(['models', 'list', '--json'], { env }));
    expect(first.discovery.fromCache).toBe(false);
    expect(second.discovery.fromCache).toBe(true);
    expect(listCalls()).toBe(callsAfterFirst);
    expect(second.models.map((model) => model.ref)).toEqual(first.models.map((model) => model.ref));
    const refreshed = parseJson<ListJson>(await runCli(['models', 'list', '--json', '--refresh'], { env }));
    expect(refreshed.discovery.fromCache).toBe(false);
    expect(listCalls()).toBe(callsAfterFirst + 1);
  });

  it('--provider that matches nothing says so and names the providers there are', async () => {
    const env = cleanEnv(tempHome(), emulator.env());
    const result = await runCli(['models', 'list', '--provider', 'nope'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^No models match --provider nope\. Providers here: .*\banthropic\b.*\.\n$/,
    );
    expect(result.stdout).not.toContain('enable discovery');
  });

  it('--plain prints one ref per line, --provider filters by vendor', async () => {
    const env = cleanEnv(tempHome(), emulator.env());
    const plain = await runCli(['models', 'list', '--plain', '--provider', 'anthropic'], { env });
    expect(plain.code).toBe(0);
    const refs = plain.stdout.trim().split('\n');
    expect(refs.length).toBeGreaterThan(1);
    for (const ref of refs) expect(ref).toMatch(/^amazon-bedrock\/(?:[a-z]+\.)?anthropic\./);
  });

  it('the table shows the columns and the tags from the config (default, fallback #N, configured)', async () => {
    const home = tempHome();
    writeConfig(
      home,
      `{
        models: { providers: { "amazon-bedrock": { models: [{ id: "amazon.nova-micro-v1:0", name: "Nova Micro (mine)" }] } } },
        agents: { defaults: { model: {
          primary: "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
          fallbacks: ["amazon-bedrock/amazon.nova-lite-v1:0"],
        } } },
      }`,
    );
    const env = cleanEnv(home, emulator.env());
    const table = await runCli(['models', 'list'], { env });
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Model\s+Input\s+Context\s+Max out\s+Reasoning\s+Invoked as\s+Tags$/);
    expect(lines[1]).toMatch(
      /^amazon-bedrock\/us\.anthropic\.claude-sonnet-4-5-20250929-v1:0\s+text\+image.*\s+200k\s+64k\s+yes\s+inference profile\s+default$/,
    );
    expect(table.stdout).toMatch(/amazon-bedrock\/amazon\.nova-lite-v1:0 .* on-demand\s+fallback #1\n/);
    expect(table.stdout).toMatch(/amazon-bedrock\/amazon\.nova-micro-v1:0 .*\s+configured\n/);
    expect(table.stderr).toMatch(/\d+ models, \d+ embedding models · listed from Bedrock just now/);
    // Embedding models in their own section after the chat models, with what one call takes.
    const section = lines.findIndex((line) => line.startsWith('Embedding model'));
    expect(section).toBeGreaterThan(1);
    expect(lines[section - 1]).toBe('');
    expect(lines[section]).toMatch(
      /^Embedding model\s+Dimensions\s+Texts\/call\s+Max chars\s+Invoked as\s+Tags$/,
    );
    expect(table.stdout).toMatch(
      /\namazon-bedrock\/amazon\.titan-embed-text-v2:0\s+1024, 512, 256\s+1\s+50k\s+on-demand\s*\n/,
    );
    expect(table.stdout).toMatch(/\namazon-bedrock\/cohere\.embed-english-v3\s+1024\s+96\s+2k\s+on-demand/);
  });

  it('--kind keeps chat models or embedding models only', async () => {
    const env = cleanEnv(tempHome(), emulator.env());
    const embedding = await runCli(['models', 'list', '--plain', '--kind', 'embedding'], { env });
    expect(embedding.code).toBe(0);
    expect(embedding.stdout.trim().split('\n')).toEqual(
      expect.arrayContaining([
        'amazon-bedrock/amazon.titan-embed-text-v2:0',
        'amazon-bedrock/cohere.embed-english-v3',
      ]),
    );
    expect(embedding.stdout).not.toContain('anthropic');
    const chat = parseJson<ListJson>(await runCli(['models', 'list', '--json', '--kind', 'chat'], { env }));
    expect(chat.count).toBeGreaterThan(5);
    expect(chat.models.every((model) => model.kind === 'chat' && model.embedding === null)).toBe(true);
    const table = await runCli(['models', 'list', '--kind', 'chat'], { env });
    expect(table.stdout).not.toContain('Embedding model');
    expect(table.stderr).toMatch(/\d+ models · /);
    const bad = await runCli(['models', 'list', '--kind', 'image'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--kind <kind>' argument 'image' is invalid\. Allowed choices are chat, embedding/,
    );
  });

  it('with no credentials it lists from the embedded emulator and says so on stderr', async () => {
    const result = await runCli(['models', 'list', '--json'], { env: cleanEnv(tempHome()) });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /No AWS credentials found: using the embedded Bedrock emulator at http:\/\/127\.0\.0\.1:\d+/,
    );
    const list = parseJson<ListJson>(result);
    expect(list.emulator).toBe(true);
    expect(list.models.every((model) => model.tags.includes('emulator'))).toBe(true);
  });

  it('--no-emulator fails with exit 4 and a hint when there are no credentials', async () => {
    const result = await runCli(['--no-emulator', 'models', 'list'], { env: cleanEnv(tempHome()) });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^error: No AWS credentials found, and the embedded emulator is turned off \(tried: .*\)\.\nhint: /,
    );
  });

  it('an AWS_PROFILE that does not exist is exit 4 with a hint, not the emulator', async () => {
    const result = await runCli(['models', 'list'], { env: cleanEnv(tempHome(), { AWS_PROFILE: 'nope' }) });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: AWS profile "nope" .*\nhint: .*aws configure --profile nope/s);
    expect(result.stderr).not.toContain('emulator');
  });

  it('a denied ListInferenceProfiles still lists foundation models and names the missing permission', async () => {
    const restricted = await startEmulator({
      credentials: [
        {
          accessKeyId: 'AKIARESTRICTED000001',
          secretAccessKey: 'restricted-secret-key-000000000000000001',
          deniedActions: ['bedrock:ListInferenceProfiles'],
        },
      ],
    });
    try {
      const env = cleanEnv(tempHome(), restricted.env());
      const json = parseJson<ListJson>(await runCli(['models', 'list', '--json'], { env }));
      expect(json.count).toBeGreaterThan(0);
      expect(json.models.every((model) => model.invocation === 'on-demand')).toBe(true);
      expect(json.discovery.errors).toEqual([
        expect.objectContaining({ code: 'access_denied', missingAction: 'bedrock:ListInferenceProfiles' }),
      ]);
      const table = await runCli(['models', 'list'], { env });
      expect(table.code).toBe(0);
      expect(table.stderr).toMatch(/warning: .*\(needs bedrock:ListInferenceProfiles\)/);
    } finally {
      await restricted.stop();
    }
  });
});

describe('outcrop models list: listing denied', () => {
  it('fails with exit 5, one line naming the missing permission, and a hint', async () => {
    const denied = await startEmulator({
      credentials: [
        {
          accessKeyId: 'AKIADENIEDLIST000001',
          secretAccessKey: 'denied-list-secret-key-00000000000000001',
          deniedActions: ['bedrock:ListFoundationModels', 'bedrock:ListInferenceProfiles'],
        },
      ],
    });
    try {
      const result = await runCli(['models', 'list', '--json'], { env: cleanEnv(tempHome(), denied.env()) });
      expect(result.code).toBe(5);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^error: .*denied.*bedrock:ListFoundationModels/);
      expect(lines[1]).toBe('hint: grant bedrock:ListFoundationModels to this identity');
    } finally {
      await denied.stop();
    }
  });
});

describe('outcrop models refresh', () => {
  it('lists again and rewrites the cache', async () => {
    const home = tempHome();
    const env = cleanEnv(home, emulator.env());
    const before = listCalls();
    const result = await runCli(['models', 'refresh'], { env });
    expect(result.code).toBe(0);
    expect(listCalls()).toBe(before + 1);
    // Discovery lists chat models: the counts are those of `models list --kind chat`.
    const cached = parseJson<ListJson>(await runCli(['models', 'list', '--json', '--kind', 'chat'], { env }));
    expect(cached.discovery.fromCache).toBe(true);
    const every = parseJson<ListJson>(
      await runCli(['models', 'list', '--all', '--json', '--kind', 'chat'], { env }),
    );
    // The same count as `models list`, with the refs of `--all` beside it.
    expect(result.stdout).toBe(
      `Refreshed: ${cached.count} Bedrock models discovered (${every.count} refs with inference profiles).\n`,
    );
    const json = parseJson<{ refreshed: boolean; count: number }>(
      await runCli(['models', 'refresh', '--json'], { env }),
    );
    expect(json.refreshed).toBe(true);
    expect(json.count).toBeGreaterThan(0);
  });
});
