// Figure 6: routing one model across Bedrock accounts. Two emulators stand for two accounts, each with a
// tokens-per-minute quota Q (Bedrock's burndown rule); one quota minute is held still (the emulators' and the
// router's clock), so a bounded load measures tokens served per minute and client-visible 429s without waiting a
// minute: one target against two, the same load (2.5 Q of demand) on each.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Emulator, startEmulator } from '@outcrop/bedrock-emulator';
import { parseConfig } from '@outcrop/config-schema';
import { createOutcrop, type Outcrop, type StreamPart } from '@outcrop/provider';
import type { Figure } from './results.js';

const Q = 20_000;
const MAX_TOKENS = 400;
const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
const CONCURRENCY = 4;

interface LoadResult {
  tokensPerMinute: number;
  throttled: number;
  calls: number;
}

export async function benchRouting(options: { log: (line: string) => void }): Promise<Figure[]> {
  const one = await measure(1);
  const two = await measure(2);
  options.log(
    `  one target: ${one.tokensPerMinute} tokens/min, ${one.throttled} of ${one.calls} calls 429; ` +
      `two targets: ${two.tokensPerMinute} tokens/min, ${two.throttled} of ${two.calls} calls 429`,
  );
  const group = 'Routing across accounts';
  return [
    {
      group,
      name: `tokens per minute served, two targets at Q=${Q} each (burndown rule)`,
      value: two.tokensPerMinute,
      unit: 'tokens/min',
      baseline: { name: 'one target', value: one.tokensPerMinute },
      target: '>= 1.8x one target',
      check: { on: 'ratio', op: '>=', limit: 1.8 },
      kind: 'cpu',
      note: 'one held quota minute; demand 2.5 Q; count-based, not timed',
    },
    {
      group,
      name: 'client-visible 429s, two targets, demand of 1.8 Q',
      value: two.throttledWithin,
      unit: 'calls',
      baseline: { name: 'one target', value: one.throttledWithin },
      target: '0',
      check: { on: 'value', op: '<=', limit: 0 },
      noRatio: true,
      kind: 'cpu',
    },
  ];
}

async function measure(targets: 1 | 2): Promise<LoadResult & { throttledWithin: number }> {
  const clock = { now: 1_000_000 };
  const emulators: Emulator[] = [];
  for (let i = 0; i < targets; i++)
    emulators.push(await startEmulator({ quotas: { tokensPerMinute: Q }, clock: () => clock.now }));
  const homeDir = mkdtempSync(path.join(tmpdir(), 'outcrop-bench-routing-'));
  mkdirSync(path.join(homeDir, '.aws'));
  writeFileSync(
    path.join(homeDir, '.aws', 'credentials'),
    emulators
      .map(
        (e, i) =>
          `[acct-${i}]\naws_access_key_id = ${e.credentials.accessKeyId}\naws_secret_access_key = ${e.credentials.secretAccessKey}\n`,
      )
      .join('\n'),
  );
  const route = {
    model: MODEL,
    targets: emulators.map((e, i) => ({
      name: `acct-${i}`,
      region: 'us-east-1',
      profile: `acct-${i}`,
      baseUrl: e.url,
      tokensPerMinute: Q,
    })),
  };
  const outcrop = await createOutcrop({
    config: parseConfig(
      JSON.stringify({ models: { bedrockDiscovery: { enabled: false }, routes: { r: route } } }),
    ),
    env: { AWS_EC2_METADATA_DISABLED: 'true' },
    homeDir,
    routing: { now: () => clock.now },
    transport: { maxAttempts: 1 },
  });
  try {
    const perCall = await burnedBy(outcrop, 0);
    // Demand of 1.8 Q first (what two targets can serve: each call needs input + max_tokens of room when it
    // starts, so the last few hundred tokens of a minute stay out of reach), then 0.7 Q more.
    const within = Math.floor((1.8 * Q) / perCall.burned);
    const first = await load(outcrop, within, 1);
    const rest = await load(outcrop, Math.ceil((0.7 * Q) / perCall.burned), within + 1);
    return {
      tokensPerMinute: perCall.burned + first.burned + rest.burned,
      throttled: first.throttled + rest.throttled,
      throttledWithin: first.throttled,
      calls: 1 + within + rest.calls,
    };
  } finally {
    await outcrop.close();
    await Promise.all(emulators.map((e) => e.stop()));
  }
}

async function burnedBy(outcrop: Outcrop, i: number): Promise<{ burned: number; throttled: boolean }> {
  const parts: StreamPart[] = [];
  const context = {
    messages: [
      { role: 'user' as const, content: `Call ${i}: name the three largest changes in report ${i}.` },
    ],
  };
  for await (const part of outcrop.stream('r', context, { maxTokens: MAX_TOKENS, cache: 'off' }))
    parts.push(part);
  const finish = parts.find((p) => p.type === 'finish');
  if (finish?.type === 'finish')
    return { burned: finish.usage.inputTokens + finish.usage.outputTokens * 5, throttled: false };
  const error = parts.find((p) => p.type === 'error');
  if (error?.type === 'error' && error.error.code === 'throttled') return { burned: 0, throttled: true };
  throw new Error(`routing bench: unexpected failure ${error?.type === 'error' ? error.error.message : ''}`);
}

async function load(outcrop: Outcrop, calls: number, from: number) {
  let next = 0;
  let burned = 0;
  let throttled = 0;
  const worker = async () => {
    while (next < calls) {
      const result = await burnedBy(outcrop, from + next++);
      burned += result.burned;
      if (result.throttled) throttled++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { burned, throttled, calls };
}
