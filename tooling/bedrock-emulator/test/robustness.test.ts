// Garbage on the wire, half-open connections and many concurrent streams: the emulator keeps serving.
import net from 'node:net';
import { ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index.js';
import { collect, HAIKU, runtimeClient, streamedText, userText } from './helpers.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

function rawExchange(bytes: Buffer | string, { half = false } = {}): Promise<string> {
  const { port } = new URL(emulator.url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(bytes);
      if (!half) socket.end();
    });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('error', () => resolve(received));
    socket.on('close', () => resolve(received));
    if (half) setTimeout(() => socket.destroy(), 50);
  });
}

async function stillServes() {
  const client = runtimeClient(emulator, { maxAttempts: 1 });
  const out = await client.send(
    new ConverseStreamCommand({ modelId: HAIKU, messages: userText('still here') }),
  );
  expect(streamedText(await collect(out.stream))).toBe('still here');
  client.destroy();
}

it('survives garbage, a bad h2 preface, broken HTTP/1.1 and half-sent requests', async () => {
  const replies = await Promise.all([
    rawExchange(Buffer.from([0, 1, 2, 3, 255, 254, 10, 13])),
    rawExchange('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' + 'garbage'.repeat(10)),
    rawExchange('GET /foundation-models HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n'),
    rawExchange('POST /model/x/converse HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"mess', {
      half: true,
    }),
    rawExchange('P'),
  ]);
  expect(replies[2]).toMatch(/^HTTP\/1.1 400|^$/);
  await stillServes();
});

it('answers an unsigned HTTP/1.1 request on an unknown path with an AWS error', async () => {
  const reply = await rawExchange('GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  expect(reply).toMatch(/^HTTP\/1.1 403/);
  expect(reply).toMatch(/x-amzn-errortype: MissingAuthenticationTokenException/i);
});

it('keeps 50 concurrent streams on one session apart', async () => {
  const client = runtimeClient(emulator, { maxAttempts: 1 });
  const texts = Array.from({ length: 50 }, (_, i) => `stream number ${i} says ${'word '.repeat(i % 7)}done`);
  const results = await Promise.all(
    texts.map(async (text) => {
      const out = await client.send(new ConverseStreamCommand({ modelId: HAIKU, messages: userText(text) }));
      return streamedText(await collect(out.stream));
    }),
  );
  expect(results).toEqual(texts);
  client.destroy();
});
