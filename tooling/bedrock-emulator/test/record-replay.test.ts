// Record a stream, replay it byte for byte; read raw bytes with a bare HTTP/2 client (bearer auth).
import http2 from 'node:http2';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, eventFrame, startEmulator } from '../src/index.js';
import { collect, HAIKU, runtimeClient, userText } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ record: true });
});
afterAll(() => emulator.stop());

function rawStream(
  body: unknown,
  modelId = HAIKU,
): Promise<{ status: number; contentType?: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(emulator.url);
    session.on('error', reject);
    const request = session.request({
      ':method': 'POST',
      ':path': `/model/${encodeURIComponent(modelId)}/converse-stream`,
      'content-type': 'application/json',
      authorization: `Bearer ${emulator.bearerToken}`,
    });
    const chunks: Buffer[] = [];
    let status = 0;
    let contentType: string | undefined;
    request.on('response', (headers) => {
      status = Number(headers[':status']);
      contentType = headers['content-type'] as string | undefined;
    });
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      session.close();
      resolve({ status, ...(contentType ? { contentType } : {}), bytes: Buffer.concat(chunks) });
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

it('records each stream and replays it byte for byte', async () => {
  emulator.scenarios.push({ reasoning: true, toolCall: { input: { a: 1 } } });
  const original = await rawStream({ messages: userText('record me') });
  expect(original.status).toBe(200);
  expect(original.contentType).toBe('application/vnd.amazon.eventstream');
  const entry = emulator.journal.entries().at(-1)!;
  const recording = emulator.recordings.get(entry.id);
  expect(recording?.bytes.equals(original.bytes)).toBe(true);

  emulator.scenarios.push({ replay: entry.id });
  const replayed = await rawStream({ messages: userText('something else entirely') });
  expect(replayed.bytes.equals(original.bytes)).toBe(true);
  expect(emulator.journal.entries().at(-1)?.eventsSent).toBe(entry.eventsSent);
});

it('replays an added fixture to the SDK', async () => {
  const fixture = Buffer.concat([
    eventFrame('messageStart', { role: 'assistant' }),
    eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'from fixture' } }),
    eventFrame('contentBlockStop', { contentBlockIndex: 0 }),
    eventFrame('messageStop', { stopReason: 'end_turn' }),
  ]);
  const id = emulator.recordings.add(fixture, 'fixture-1');
  const client = runtimeClient(emulator, { maxAttempts: 1 });
  const out = await client.send(
    new ConverseStreamCommand({ modelId: HAIKU, messages: userText(`[[scenario:{"replay":"${id}"}]] hi`) }),
  );
  const events = await collect(out.stream);
  expect(events.map((event) => event.contentBlockDelta?.delta?.text).filter(Boolean)).toEqual([
    'from fixture',
  ]);
  expect(events.at(-1)?.messageStop?.stopReason).toBe('end_turn');
  client.destroy();
});

it('answers an unknown recording id with a ValidationException', async () => {
  emulator.scenarios.push({ replay: 'nope' });
  const out = await rawStream({ messages: userText('x') });
  expect(out.status).toBe(400);
  expect(JSON.parse(out.bytes.toString()).message).toMatch(/no recording 'nope'/);
});
