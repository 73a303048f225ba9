// Two gateway replicas routing one model across regions, sharing the routers' ledger through one real
// redis-server: a rest learned on one replica is honoured by the other, and headroom reserved on one counts on
// the other. Each region is an emulator with its own account (profile), reached through the real AWS SDK; the
// replicas' clock is pinned, so no quota minute turns over and no rest ends during the test.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Gateway, startGateway } from '../src/index.js';
import { chatBody, JSON_HEADERS, raw, silentLogger, writeConfig } from './helpers.js';

const redisUrl = inject('redisUrl');
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const pinnedClock = () => 2_000 * 60_000 + 1_000;

let east: Emulator;
let west: Emulator;
let central: Emulator;
let dir: string;

beforeAll(async () => {
  // Far less than one call reserves: every call on us-east-1 is throttled.
  east = await startEmulator({ region: 'us-east-1', quotas: { tokensPerMinute: 50 } });
  west = await startEmulator({ region: 'us-west-2' });
  central = await startEmulator({ region: 'eu-central-1' });
  dir = mkdtempSync(join(tmpdir(), 'outcrop-routing-replicas-'));
  mkdirSync(join(dir, '.aws'));
  const profile = (name: string, e: Emulator) =>
    `[${name}]\naws_access_key_id = ${e.credentials.accessKeyId}\naws_secret_access_key = ${e.credentials.secretAccessKey}\n`;
  writeFileSync(
    join(dir, '.aws', 'credentials'),
    [profile('east-acct', east), profile('west-acct', west), profile('central-acct', central)].join('\n'),
  );
});

afterAll(async () => {
  await Promise.all([east?.stop(), west?.stop(), central?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ROUTES = () => ({
  // The heavier target goes first while it is awake; the router is not told its quota, only Bedrock knows.
  spread: {
    model: MODEL,
    cooldownSeconds: 600,
    targets: [
      { name: 'east', region: 'us-east-1', profile: 'east-acct', baseUrl: east.url, weight: 5 },
      { name: 'west', region: 'us-west-2', profile: 'west-acct', baseUrl: west.url },
    ],
  },
  // Equal weights, no quotas: only round robin and the conversations' pins decide.
  sticky: {
    model: MODEL,
    targets: [
      { name: 'sticky-west', region: 'us-west-2', profile: 'west-acct', baseUrl: west.url },
      { name: 'sticky-central', region: 'eu-central-1', profile: 'central-acct', baseUrl: central.url },
    ],
  },
  // Room for one call of 1,000 max tokens in `pooled-west`'s minute, not two.
  pooled: {
    model: MODEL,
    targets: [
      {
        name: 'pooled-west',
        region: 'us-west-2',
        profile: 'west-acct',
        baseUrl: west.url,
        weight: 5,
        tokensPerMinute: 1500,
      },
      { name: 'pooled-central', region: 'eu-central-1', profile: 'central-acct', baseUrl: central.url },
    ],
  },
});

async function pair(redis: boolean): Promise<{ gateways: [Gateway, Gateway]; stop(): Promise<void> }> {
  const configPath = join(dir, `${randomUUID()}.json5`);
  writeConfig(configPath, {
    gateway: redis ? { redis: { url: redisUrl } } : {},
    models: { bedrockDiscovery: { enabled: false }, routes: ROUTES() },
  });
  const redisKeyPrefix = `routing-${randomUUID()}:`;
  const start = () =>
    startGateway({
      configPath,
      host: '127.0.0.1',
      port: 0,
      env: { ...west.env(), HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' },
      homeDir: dir,
      emulator: 'never',
      logger: silentLogger(),
      watchConfig: false,
      teams: false,
      now: pinnedClock,
      redisKeyPrefix,
    });
  const gateways: [Gateway, Gateway] = [await start(), await start()];
  return {
    gateways,
    stop: async () => {
      await Promise.all(gateways.map((g) => g.close({ drainTimeoutMs: 0 })));
    },
  };
}

const chat = (g: Gateway, model: string, content: string) =>
  raw(g.url, {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: JSON_HEADERS,
    body: chatBody(model, content, { max_tokens: 1000 }),
  });

/** Turn `turns` of one conversation (the same system prompt and first message: the same prompt cache). */
const turn = (g: Gateway, model: string, topic: string, turns: number) =>
  raw(g.url, {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      model,
      max_tokens: 200,
      messages: [
        { role: 'system', content: `You survey quarries. Topic: ${topic}.` },
        { role: 'user', content: `Start the survey of ${topic}.` },
        ...Array.from({ length: turns - 1 }, (_, i) => [
          { role: 'assistant', content: `Part ${i + 1} of the survey.` },
          { role: 'user', content: `Go on with part ${i + 2}.` },
        ]).flat(),
      ],
    }),
  });

/** Where the second turn of a conversation started on replica one goes on replica two. */
async function secondTurnTarget(one: Gateway, two: Gateway): Promise<unknown> {
  // Round robin on replica one: the first conversation goes to sticky-west, the second to sticky-central.
  expect((await turn(one, 'sticky', 'the north pit', 1)).headers['x-outcrop-target']).toBe('sticky-west');
  expect((await turn(one, 'sticky', 'the south pit', 1)).headers['x-outcrop-target']).toBe('sticky-central');
  // Replica two's own round robin would start at sticky-west.
  const next = await turn(two, 'sticky', 'the south pit', 2);
  expect(next.status).toBe(200);
  return next.headers['x-outcrop-target'];
}

const converses = (e: Emulator) => e.journal.entries().filter((x) => x.operation === 'ConverseStream').length;

describe.skipIf(redisUrl === undefined)('two replicas routing one model on one Redis', () => {
  it('a target rested after a throttle on one replica is skipped by the other', async () => {
    const { gateways, stop } = await pair(true);
    try {
      const [one, two] = gateways;
      const eastBefore = converses(east);
      const first = await chat(one, 'spread', 'describe the quarry floor');
      expect(first.status).toBe(200);
      expect(first.headers['x-outcrop-target']).toBe('west');
      expect(converses(east)).toBe(eastBefore + 1); // tried, throttled, rested

      const second = await chat(two, 'spread', 'describe the quarry wall');
      expect(second.status).toBe(200);
      expect(second.headers['x-outcrop-target']).toBe('west');
      expect(String(second.headers['x-outcrop-warnings'] ?? '')).not.toContain('rerouted');
      expect(converses(east)).toBe(eastBefore + 1); // the second replica did not try it
    } finally {
      await stop();
    }
  });

  it('keeps a conversation on the region that holds its prompt cache, whichever replica serves the next turn', async () => {
    const { gateways, stop } = await pair(true);
    try {
      expect(await secondTurnTarget(...gateways)).toBe('sticky-central');
    } finally {
      await stop();
    }
  });

  it('without Redis each replica learns rests and pins on its own (the control)', async () => {
    const { gateways, stop } = await pair(false);
    try {
      const [one, two] = gateways;
      const eastBefore = converses(east);
      expect((await chat(one, 'spread', 'describe the quarry floor')).headers['x-outcrop-target']).toBe(
        'west',
      );
      expect((await chat(two, 'spread', 'describe the quarry wall')).headers['x-outcrop-target']).toBe(
        'west',
      );
      expect(converses(east)).toBe(eastBefore + 2);
      expect(await secondTurnTarget(one, two)).toBe('sticky-west');
    } finally {
      await stop();
    }
  });

  it('headroom reserved by a call in flight on one replica counts on the other, and comes back when it ends', async () => {
    const { gateways, stop } = await pair(true);
    const stalled = new AbortController();
    try {
      const [one, two] = gateways;
      // Replica one holds pooled-west's reservation (input + 1,000) open: its stream stalls after a few events.
      west.scenarios.push({ stallAfterEvents: 4 });
      const open = await fetch(`${one.url}/v1/chat/completions`, {
        method: 'POST',
        headers: JSON_HEADERS,
        body: chatBody('pooled', 'a long survey of the western cut', { max_tokens: 1000, stream: true }),
        signal: stalled.signal,
      });
      expect(open.status).toBe(200);
      expect(open.headers.get('x-outcrop-target')).toBe('pooled-west');

      // Replica two sees pooled-west without room for another 1,000 and goes to the other region.
      const centralBefore = converses(central);
      const moved = await chat(two, 'pooled', 'a short note on the eastern cut');
      expect(moved.status).toBe(200);
      expect(moved.headers['x-outcrop-target']).toBe('pooled-central');
      expect(converses(central)).toBe(centralBefore + 1);

      // The stalled call ends (client gone) and settles to its input only: the room is back for replica two.
      stalled.abort();
      await open.body?.cancel().catch(() => {});
      for (let i = 0; i < 200 && one.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(one.inFlight).toBe(0);
      const back = await chat(two, 'pooled', 'a short note on the northern cut');
      expect(back.status).toBe(200);
      expect(back.headers['x-outcrop-target']).toBe('pooled-west');
    } finally {
      stalled.abort();
      await stop();
    }
  });
});
