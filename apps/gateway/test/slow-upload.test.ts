import { Writable } from 'node:stream';
import { eventually, stalledUpload, statusOf } from '@outcrop/test-http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging.js';
import { chatBody, JSON_HEADERS, raw, startTestGateway, type TestGateway } from './helpers.js';

// Uploads that stall must neither hold a caller's concurrency slots nor outlive their own body timeout, and an
// upload the client abandons is a 499 (client closed), not a 400.
const running: TestGateway[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) await t.stop();
});

const LIMIT = 4;

async function start(lines: string[]) {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const t = await startTestGateway(
    { gateway: { limits: { maxConcurrentPerToken: LIMIT, bodyTimeoutMs: 4_000 } } },
    { logger: createLogger({ level: 'info', destination: sink }) },
  );
  running.push(t);
  return t;
}

async function firstModel(url: string): Promise<string> {
  const list = JSON.parse((await raw(url, { path: '/v1/models' })).body) as { data: { id: string }[] };
  return list.data.find((m) => m.id.includes('claude'))?.id ?? list.data[0]!.id;
}

const requestLines = (lines: string[]) =>
  lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.msg === 'request');

describe('slow uploads', () => {
  it('as many stalled uploads as the anonymous limit do not lock out the next caller; each gets a 408', async () => {
    const lines: string[] = [];
    const t = await start(lines);
    const model = await firstModel(t.gateway.url);
    const stalled = Array.from({ length: LIMIT }, () => stalledUpload(t.gateway.url));
    // Every stalled upload is being served (its headers were read) before the next request arrives.
    await Promise.all(stalled.map((s) => s.accepted));

    const res = await raw(t.gateway.url, {
      method: 'POST',
      path: '/v1/chat/completions',
      headers: JSON_HEADERS,
      body: chatBody(model, 'still served', { stream: true }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('[DONE]');

    const answers = await Promise.all(stalled.map((s) => s.response));
    expect(answers.map(statusOf)).toEqual(Array(LIMIT).fill(408));
    expect(answers[0]).toContain('"code":"request_timeout"');
    await eventually(() => requestLines(lines).filter((e) => e.status === 408).length === LIMIT);
  });

  it('counts and logs an upload the client aborts as 499', async () => {
    const lines: string[] = [];
    const t = await start(lines);
    const upload = stalledUpload(t.gateway.url);
    await upload.accepted;
    upload.socket.destroy();
    await eventually(() => t.gateway.inFlight === 0);
    await eventually(() => requestLines(lines).length === 1);
    expect(requestLines(lines)[0]).toMatchObject({ route: 'chat-completions', status: 499 });
    const metrics = await raw(t.gateway.url, { path: '/metrics' });
    expect(metrics.body).toMatch(
      /outcrop_gateway_requests_total\{[^}]*route="chat-completions"[^}]*status="499"/,
    );
    expect(metrics.body).not.toMatch(/route="chat-completions"[^}]*status="400"/);
  });
});
