// Load: 1,000 concurrent streams through the gateway (in this process, in front of the emulator). Every
// stream must end with the exact reply, no errors; afterwards no sockets or handles are left over and the
// heap is back near where it started.
import { Agent } from 'node:http';
import type { Emulator } from '@outcrop/bedrock-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODEL_REF, startSecretEmulator } from './support/emulator.js';
import { startTestGateway, type TestGateway } from './support/gateway.js';
import { activeResources, collectGarbage, grown, settle } from './support/resources.js';
import { createCapture, expectNoSecrets } from './support/secrets.js';
import { chatBody, parseSse, postJson } from './support/sse.js';

const STREAMS = 1_000;
const REPLY =
  'Granite forms from slowly cooling magma deep below the surface, and its crystals grow large enough to see.';
const capture = createCapture();

let emulator: Emulator;
let gw: TestGateway;
beforeAll(async () => {
  emulator = await startSecretEmulator();
  gw = await startTestGateway(emulator, capture);
});
afterAll(async () => {
  await gw?.stop();
  await emulator?.stop();
  expectNoSecrets(capture);
});

async function streamOnce(agent: Agent): Promise<ReturnType<typeof parseSse> & { status: number }> {
  const res = await postJson(
    gw.url,
    '/v1/chat/completions',
    chatBody(MODEL_REF, 'tell me about granite'),
    gw.headers,
    {
      agent,
      timeoutMs: 120_000,
    },
  );
  capture.add(`load response ${res.status}`, res.body);
  return {
    status: res.status,
    ...(res.status === 200
      ? parseSse(res.body)
      : { text: '', finishReason: undefined, done: false, events: 0 }),
  };
}

describe('load', () => {
  it(`streams ${STREAMS} concurrent replies with 0 errors, 0 leaked handles, heap back near baseline`, async () => {
    // Warm up: lazy imports, the upstream HTTP/2 session, JIT. Then take the baseline.
    const warm = new Agent({ keepAlive: false });
    for (let i = 0; i < 5; i++) {
      emulator.scenarios.push({ reply: REPLY });
      expect((await streamOnce(warm)).text).toBe(REPLY);
    }
    warm.destroy();
    emulator.journal.clear();
    await settle(() => gw.gateway.inFlight === 0);
    collectGarbage();
    const before = activeResources();
    const heapBefore = process.memoryUsage().heapUsed;

    for (let i = 0; i < STREAMS; i++) emulator.scenarios.push({ reply: REPLY });
    const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
    const results = await Promise.all(Array.from({ length: STREAMS }, () => streamOnce(agent)));
    const heapLoaded = process.memoryUsage().heapUsed;

    const failures = results.filter(
      (r) => r.status !== 200 || r.error || r.finishReason !== 'stop' || !r.done,
    );
    expect(failures.slice(0, 3)).toEqual([]);
    expect(results.filter((r) => r.text !== REPLY)).toHaveLength(0);
    const streams = emulator.journal.entries().filter((e) => e.operation === 'ConverseStream');
    expect(streams).toHaveLength(STREAMS);
    expect(streams.filter((e) => e.status !== 200 || e.cancelled)).toHaveLength(0);

    agent.destroy();
    emulator.journal.clear();
    await settle(() => gw.gateway.inFlight === 0 && grown(before, activeResources()).length === 0);
    collectGarbage();
    const after = activeResources();
    const heapAfter = process.memoryUsage().heapUsed;
    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    console.log(
      `load: ${STREAMS} streams; heap ${mb(heapBefore)} MB before, ${mb(heapLoaded)} MB right after the streams, ${mb(heapAfter)} MB after gc; ` +
        `handles before ${JSON.stringify(before)} after ${JSON.stringify(after)}`,
    );
    expect(gw.gateway.inFlight).toBe(0);
    expect(grown(before, after)).toEqual([]);
    // "Near baseline": within 16 MB of the warm heap (1,000 streams' buffers alone would be far more).
    expect(heapAfter - heapBefore).toBeLessThan(16 * 2 ** 20);
  }, 180_000);
});
