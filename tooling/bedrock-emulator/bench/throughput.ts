// Emulator throughput with delays off: events/s to a raw HTTP/2 reader and to the real SDK, 1000 concurrent
// streams held open, and frame encoding with the smithy codec versus the cached-header encoder.
// Run: pnpm --filter @outcrop/bedrock-emulator bench   (results on stdout; bounded in count and time).
// EMULATOR_PROFILE=<dir> also writes a V8 CPU profile of the emulator process there.

import { fork } from 'node:child_process';
import { once } from 'node:events';
import http2 from 'node:http2';
import { fileURLToPath } from 'node:url';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { eventFrame, eventStreamCodec } from '@outcrop/bedrock-emulator';

interface Ready {
  url: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  bearerToken: string;
}
interface Stats {
  requests: number;
  open: number;
  cancelled: number;
  events: number;
  cpuMs: number;
  rssMb: number;
}

const child = fork(fileURLToPath(new URL('./emulator-process.js', import.meta.url)), {
  stdio: 'inherit',
  execArgv: process.env.EMULATOR_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.EMULATOR_PROFILE}`]
    : [],
});
const [ready] = (await once(child, 'message')) as [Ready];
const ask = async <T>(type: string): Promise<T> => {
  child.send({ type });
  return ((await once(child, 'message')) as [T])[0];
};

const WORDS = 24_000; // about 9,600 events per stream at 1-4 words per delta
const reply = Array.from({ length: WORDS }, (_, i) => `w${i % 997}`).join(' ');
const body = JSON.stringify({
  messages: [{ role: 'user', content: [{ text: `[[scenario:${JSON.stringify({ reply })}]]` }] }],
});
const modelPath = `/model/${encodeURIComponent('anthropic.claude-3-haiku-20240307-v1:0')}/converse-stream`;

function countFrames(chunks: Buffer[]): number {
  const all = Buffer.concat(chunks);
  let count = 0;
  for (let at = 0; at + 4 <= all.length; count++) at += all.readUInt32BE(at);
  return count;
}

async function rawH2(streams: number, concurrency: number) {
  const session = http2.connect(ready.url, { settings: { initialWindowSize: 8 * 1024 * 1024 } });
  await once(session, 'connect');
  session.setLocalWindowSize(64 * 1024 * 1024);
  let events = 0;
  let bytes = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const request = session.request({
        ':method': 'POST',
        ':path': modelPath,
        'content-type': 'application/json',
        authorization: `Bearer ${ready.bearerToken}`,
      });
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        events += countFrames(chunks);
        bytes += chunks.reduce((sum, chunk) => sum + chunk.length, 0);
        resolve();
      });
      request.on('error', reject);
      request.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < streams) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  session.close();
  return { events, seconds, eventsPerSecond: events / seconds, mbPerSecond: bytes / seconds / 1e6 };
}

function sdkClient() {
  return new BedrockRuntimeClient({
    endpoint: ready.url,
    region: ready.region,
    credentials: ready.credentials,
    maxAttempts: 1,
  });
}

async function sdk(streams: number, concurrency: number) {
  const client = sdkClient();
  const text = `[[scenario:${JSON.stringify({ reply })}]]`;
  let events = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < streams) {
        const out = await client.send(
          new ConverseStreamCommand({
            modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
            messages: [{ role: 'user', content: [{ text }] }],
          }),
        );
        for await (const _ of out.stream ?? []) events++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  return { events, seconds, eventsPerSecond: events / seconds };
}

/** 1000 SDK streams open at once: each gets 3 events, then the emulator stalls it until the client aborts. */
async function concurrent(count: number) {
  await ask('clear');
  const client = sdkClient();
  const controllers: AbortController[] = [];
  const started = performance.now();
  const firstEvents = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const controller = new AbortController();
      controllers.push(controller);
      const out = await client.send(
        new ConverseStreamCommand({
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          messages: [
            {
              role: 'user',
              content: [{ text: `[[scenario:{"stallAfterEvents":3}]] stream ${i} a b c d e f` }],
            },
          ],
        }),
        { abortSignal: controller.signal },
      );
      const iterator = out.stream![Symbol.asyncIterator]();
      let got = 0;
      while (got < 3 && !(await iterator.next()).done) got++;
      return got;
    }),
  );
  const heldMs = performance.now() - started;
  const whileHeld = await ask<Stats>('stats');
  for (const controller of controllers) controller.abort();
  client.destroy();
  let after = await ask<Stats>('stats');
  for (let i = 0; i < 50 && after.cancelled < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    after = await ask<Stats>('stats');
  }
  return {
    streams: count,
    allGotThreeEvents: firstEvents.every((got) => got === 3),
    openAtOnce: whileHeld.open,
    secondsToOpenAll: heldMs / 1000,
    cancelledAfterAbort: after.cancelled,
  };
}

function encoding(events: number) {
  const payload = { contentBlockIndex: 0, delta: { text: 'three small words ' } };
  const headers = {
    ':event-type': { type: 'string' as const, value: 'contentBlockDelta' },
    ':content-type': { type: 'string' as const, value: 'application/json' },
    ':message-type': { type: 'string' as const, value: 'event' },
  };
  let started = performance.now();
  for (let i = 0; i < events; i++) {
    eventStreamCodec.encode({ headers, body: Buffer.from(JSON.stringify(payload)) });
  }
  const codecRate = events / ((performance.now() - started) / 1000);
  started = performance.now();
  for (let i = 0; i < events; i++) eventFrame('contentBlockDelta', payload);
  const cachedRate = events / ((performance.now() - started) / 1000);
  return { codecEventsPerSecond: Math.round(codecRate), cachedHeaderEventsPerSecond: Math.round(cachedRate) };
}

const round = (value: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v * 100) / 100 : v]),
  );

try {
  console.log('encode (main thread, 200k events):', encoding(200_000));
  await rawH2(2, 1); // warm-up
  const measured = async <T extends { events: number }>(name: string, run: () => Promise<T>) => {
    const before = (await ask<Stats>('stats')).cpuMs;
    const result = await run();
    const cpuSeconds = ((await ask<Stats>('stats')).cpuMs - before) / 1000;
    console.log(
      name,
      round({
        ...result,
        emulatorCpuSeconds: cpuSeconds,
        eventsPerEmulatorCpuSecond: result.events / cpuSeconds,
      }),
    );
  };
  await measured('raw HTTP/2 reader, 40 streams x ~9.6k events, 4 at a time:', () => rawH2(40, 4));
  await measured('official SDK (default h2 handler), 6 streams x ~9.6k events, 2 at a time:', () =>
    sdk(6, 2),
  );
  console.log('concurrency:', round(await concurrent(1000)));
  console.log(
    'emulator memory:',
    (await ask<Stats>('stats')).rssMb,
    'MB RSS; machine load average:',
    (await import('node:os')).loadavg()[0],
  );
} finally {
  await ask('stop');
}
