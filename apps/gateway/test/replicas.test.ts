import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Gateway, startGateway } from '../src/index.js';
import { raw, silentLogger, writeConfig } from './helpers.js';
import { startRedisServer } from './redis-server.js';

// Two gateway replicas against one real redis-server and one emulator, as behind a load balancer.
const redisUrl = inject('redisUrl');
const scenario = (s: object) => `[[scenario:${JSON.stringify(s)}]]`;
// Pinned inside a minute, so the per-minute window cannot turn over during the test on a slow machine.
const pinnedClock = () => 1_000 * 60_000 + 1_000;

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'outcrop-replicas-'));
});

afterAll(async () => {
  await emulator?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function replicas(
  gateway: Record<string, unknown>,
  count = 2,
): Promise<{ gateways: Gateway[]; stop(): Promise<void> }> {
  const configPath = join(dir, `${randomUUID()}.json5`);
  writeConfig(configPath, { gateway });
  const redisKeyPrefix = `replicas-${randomUUID()}:`;
  const gateways: Gateway[] = [];
  for (let i = 0; i < count; i++) {
    gateways.push(
      await startGateway({
        configPath,
        host: '127.0.0.1',
        port: 0,
        env: { ...emulator.env(), HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' },
        homeDir: dir,
        emulator: 'never',
        logger: silentLogger(),
        watchConfig: false,
        now: pinnedClock,
        redisKeyPrefix,
      }),
    );
  }
  return {
    gateways,
    stop: async () => {
      await Promise.all(gateways.map((g) => g.close({ drainTimeoutMs: 0 })));
    },
  };
}

const clientOf = (g: Gateway) => new OpenAI({ baseURL: `${g.url}/v1`, apiKey: 'unused', maxRetries: 0 });

/** Sends `n` requests, alternating replicas; returns each reply's status. */
async function burst(gateways: Gateway[], n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const client = clientOf(gateways[i % gateways.length]!);
    const status = await client.chat.completions
      .create({
        model: 'amazon.nova-micro-v1:0',
        max_tokens: 20,
        messages: [{ role: 'user', content: `hi ${i}` }],
      })
      .then(
        () => 200,
        (err: unknown) => (err instanceof OpenAI.APIError ? (err.status ?? -1) : -2),
      );
    statuses.push(status);
  }
  return statuses;
}

describe.skipIf(redisUrl === undefined)('two replicas on one Redis', () => {
  it('admit exactly a per-minute limit between them', async () => {
    const pair = await replicas({ redis: { url: redisUrl }, limits: { requestsPerMinutePerToken: 5 } });
    try {
      const statuses = await burst(pair.gateways, 9);
      expect(statuses.filter((s) => s === 200)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await pair.stop();
    }
  });

  it('continue a tool call started on one replica on the other, signed reasoning intact', async () => {
    const pair = await replicas({ redis: { url: redisUrl } });
    try {
      const [first, second] = pair.gateways.map(clientOf) as [OpenAI, OpenAI];
      const models = await first.models.list();
      const model = models.data.map((m) => m.id).find((id) => id.includes('claude-sonnet-4-5'))!;
      const tools: OpenAI.ChatCompletionTool[] = [
        {
          type: 'function',
          function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
        },
      ];
      const question = `Weather in Oslo? ${scenario({ reasoning: true, toolCall: { name: 'get_weather', input: {} } })}`;
      // Streamed on replica one: the reasoning is stored before the stream's end reaches the client.
      const stream = await first.chat.completions.create({
        model,
        tools,
        stream: true,
        reasoning_effort: 'low',
        messages: [{ role: 'user', content: question }],
      });
      let reasoning = '';
      let call: { id: string; name: string; arguments: string } | undefined;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta as {
          reasoning_content?: string;
        } & OpenAI.ChatCompletionChunk.Choice.Delta;
        reasoning += delta?.reasoning_content ?? '';
        for (const c of delta?.tool_calls ?? []) {
          if (c.id) call = { id: c.id, name: c.function?.name ?? '', arguments: '' };
          if (call) call.arguments += c.function?.arguments ?? '';
        }
      }
      expect(call?.name).toBe('get_weather');
      expect(reasoning).toBeTruthy();

      // Replica two gets the replay, as a plain OpenAI client sends it: no reasoning, no signature.
      await second.chat.completions.create({
        model,
        tools,
        reasoning_effort: 'low',
        messages: [
          { role: 'user', content: question },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: call!.id, type: 'function', function: { name: call!.name, arguments: call!.arguments } },
            ],
          },
          { role: 'tool', tool_call_id: call!.id, content: 'Cold and clear' },
        ],
      });
      const body = emulator.journal.entries().at(-1)?.body as {
        messages: { role: string; content: unknown[] }[];
      };
      const assistant = body.messages.find((m) => m.role === 'assistant')!;
      expect(assistant.content[0]).toMatchObject({
        reasoningContent: { reasoningText: { text: reasoning, signature: expect.any(String) } },
      });
    } finally {
      await pair.stop();
    }
  });
});

describe.skipIf(redisUrl === undefined)('a replica whose Redis goes away', () => {
  it('answers 503 shared_state_unavailable at once instead of hanging, and keeps serving /healthz', async () => {
    const own = await startRedisServer();
    const single = await replicas({ redis: { url: own.url } }, 1).catch(async (err: unknown) => {
      await own.stop();
      throw err;
    });
    try {
      expect((await burst(single.gateways, 1))[0]).toBe(200);
      await own.stop();
      const res = await raw(single.gateways[0]!.url, {
        method: 'POST',
        path: '/v1/chat/completions',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'amazon.nova-micro-v1:0',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      });
      expect(res.status).toBe(503);
      expect(JSON.parse(res.body).error.code).toBe('shared_state_unavailable');
      expect(res.headers['retry-after']).toBe('1');
      expect((await raw(single.gateways[0]!.url, { path: '/healthz' })).status).toBe(200);
    } finally {
      await single.stop();
    }
  });
});

describe('two replicas without Redis', () => {
  it('each count their own limit (what Redis fixes)', async () => {
    const pair = await replicas({ limits: { requestsPerMinutePerToken: 5 } });
    try {
      const statuses = await burst(pair.gateways, 12);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    } finally {
      await pair.stop();
    }
  });
});
