// One config, loaded by the gateway and by the CLI: both run on createOutcrop, so `/v1/models` and
// `outcrop models list --all --json` list the same models with the same ids, limits, prices and invocation mode.
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { startGateway } from '@outcrop/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, parseJson, runCli, tempHome } from './cli.js';

const CONFIG = {
  models: {
    bedrockDiscovery: { enabled: true, providerFilter: ['anthropic', 'amazon'] },
    providers: {
      'amazon-bedrock': {
        api: 'bedrock-converse-stream',
        auth: 'aws-sdk',
        models: [
          // A configured window below the discovered output limit bounds it; a price of 0 is a price.
          { id: 'amazon.nova-pro-v1:0', contextWindow: 3000, cost: { input: 0, output: 0 } },
          { id: 'us.anthropic.claude-sonnet-4-20250514-v1:0', name: 'Sonnet', maxTokens: 8000 },
          // Configured, not offered by the emulator: listed by both as `configured`.
          { id: 'amazon.not-in-the-catalog-v1:0' },
        ],
      },
    },
  },
};

interface Comparable {
  ref: string;
  contextWindow: number | null;
  maxTokens: number | null;
  cost: unknown;
  invocation: string | null;
  region: string | null;
  input: string[];
  reasoning: boolean;
}

let emulator: Emulator;
let home: string;
beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent'; // the gateway's own logger (this file runs in its own process)
  emulator = await startEmulator({ region: 'us-east-1' });
  home = tempHome();
  mkdirSync(path.join(home, '.outcrop'), { recursive: true });
  writeFileSync(path.join(home, '.outcrop', 'config.json5'), JSON.stringify(CONFIG));
});
afterAll(async () => {
  await emulator?.stop();
});

describe('the gateway and the CLI on one config', () => {
  it('list the same models, field by field', async () => {
    const env = cleanEnv(home, emulator.env());
    const cli = parseJson<{ models: Array<Record<string, unknown>> }>(
      await runCli(['models', 'list', '--all', '--json'], { env }),
    );
    const gateway = await startGateway({
      port: 0,
      env,
      homeDir: home,
      cwd: home,
      watchConfig: false,
    });
    let served: Array<Record<string, unknown>>;
    try {
      served = (JSON.parse(await get(`${gateway.url}/v1/models`)) as { data: Array<Record<string, unknown>> })
        .data;
    } finally {
      await gateway.close({ drainTimeoutMs: 0 });
    }

    const fromCli = cli.models
      .filter((row) => row.kind === 'chat')
      .map(
        (row): Comparable => ({
          ref: String(row.ref),
          contextWindow: (row.contextWindow as number | null) ?? null,
          maxTokens: (row.maxTokens as number | null) ?? null,
          cost: row.cost ?? null,
          invocation: (row.invocation as string | null) ?? null,
          region: (row.region as string | null) ?? null,
          input: row.input as string[],
          reasoning: row.reasoning === true,
        }),
      );
    // Both list the embedding models /v1/embeddings serves, after the chat models and marked as such.
    const embedding = served.filter((entry) => (entry.capabilities as Record<string, unknown>).embedding);
    expect(embedding.map((entry) => entry.id)).toContain('amazon-bedrock/amazon.titan-embed-text-v2:0');
    expect(cli.models.filter((row) => row.kind === 'embedding').map((row) => row.ref)).toEqual(
      embedding.map((entry) => entry.id),
    );
    const fromGateway = served
      .filter((entry) => !embedding.includes(entry))
      .map((entry): Comparable => {
        const caps = entry.capabilities as Record<string, unknown>;
        return {
          ref: String(entry.id),
          contextWindow: (entry.context_window as number | undefined) ?? null,
          maxTokens: (entry.max_tokens as number | undefined) ?? null,
          cost: caps.cost_per_million_tokens ?? null,
          invocation: (entry.invocation as string | undefined) ?? null,
          region: (entry.region as string | undefined) ?? null,
          input: caps.input as string[],
          reasoning: caps.reasoning === true,
        };
      });
    const byRef = (a: Comparable, b: Comparable) => a.ref.localeCompare(b.ref);
    expect(fromCli.length).toBeGreaterThan(3);
    expect([...fromCli].sort(byRef)).toEqual([...fromGateway].sort(byRef));

    // The one merge rule, as both show it.
    const nova = fromCli.find((m) => m.ref === 'amazon-bedrock/amazon.nova-pro-v1:0');
    expect(nova).toMatchObject({ contextWindow: 3000, maxTokens: 3000, invocation: 'on-demand' });
    expect(nova?.cost).toMatchObject({ input: 0, output: 0 });
    const missing = fromCli.find((m) => m.ref === 'amazon-bedrock/amazon.not-in-the-catalog-v1:0');
    expect(missing?.invocation).toBe('configured');
  });
});

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
