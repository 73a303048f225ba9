// Streams share HTTP/2 sessions (shared-session-handler.ts): counted at the TCP level by a plain forwarder in
// front of the emulator, with the real SDK and the real converseStream on the other side.
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { type BedrockConnection, resolveBedrockConnection } from '@outcrop/credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConverseClients, converseStream } from '../src/index.js';
import { SharedSessionHttp2Handler, STREAMS_PER_SESSION } from '../src/shared-session-handler.js';
import { ask, drain, HAIKU, text, useEmulator } from './emulator-harness.js';

const h = useEmulator();

/** A TCP forwarder to the emulator that counts the connections it accepted and those still open. */
interface Forwarder {
  url: string;
  accepted: number;
  open: number;
  close(): Promise<void>;
}

async function forwarder(target: string): Promise<Forwarder> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const state = { accepted: 0, open: 0 };
  const server = net.createServer((inbound) => {
    state.accepted++;
    state.open++;
    const outbound = net.connect(Number(port), hostname);
    sockets.add(inbound).add(outbound);
    inbound.pipe(outbound).pipe(inbound);
    let closed = false;
    const end = () => {
      if (!closed) state.open--;
      closed = true;
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('close', end).on('error', end);
    outbound.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    get accepted() {
      return state.accepted;
    },
    get open() {
      return state.open;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let proxy: Forwarder;
let connection: BedrockConnection;

beforeAll(async () => {
  proxy = await forwarder(h.emulator.url);
  connection = await resolveBedrockConnection({
    env: { ...h.emulator.env(), AWS_ENDPOINT_URL_BEDROCK_RUNTIME: proxy.url },
    homeDir: mkdtempSync(join(tmpdir(), 'outcrop-cs-sessions-')),
  });
});

afterAll(async () => {
  closeConverseClients();
  await proxy?.close();
});

/** Polls until `check` holds; generous, so a busy machine does not fail it. */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check()).toBe(true);
}

describe('HTTP/2 sessions shared by streams', () => {
  it('carries concurrent streams on one connection, each with its whole reply', async () => {
    closeConverseClients();
    const before = proxy.accepted;
    const replies = Array.from({ length: 6 }, (_, i) => `reply number ${i} ${'outcrop '.repeat(20)}`);
    for (const reply of replies) h.emulator.scenarios.push({ reply, eventDelayMs: 5 });
    const results = await Promise.all(
      replies.map(() => drain(converseStream(ask('hello'), { connection, maxAttempts: 1 }))),
    );
    expect(results.map((r) => r.error)).toEqual(replies.map(() => undefined));
    // Each request took a scenario from the queue in arrival order; every reply arrived whole.
    expect(results.map((r) => text(r.events)).sort()).toEqual([...replies].sort());
    expect(proxy.accepted - before).toBe(1);
  });

  it('opens another session past STREAMS_PER_SESSION concurrent streams', async () => {
    closeConverseClients();
    const before = proxy.accepted;
    const count = STREAMS_PER_SESSION + 1;
    for (let i = 0; i < count; i++)
      h.emulator.scenarios.push({ reply: 'one two three four', eventDelayMs: 50 });
    const results = await Promise.all(
      Array.from({ length: count }, () =>
        drain(converseStream(ask('hello'), { connection, maxAttempts: 1 })),
      ),
    );
    expect(
      results.filter((r) => r.error === undefined && text(r.events) === 'one two three four'),
    ).toHaveLength(count);
    expect(proxy.accepted - before).toBe(2);
  });

  it('lets a stream finish while a neighbour on the same session is not being read', async () => {
    closeConverseClients();
    const before = proxy.accepted;
    // Far more than one stream's 64 KiB flow-control window, so the unread stream is held back by it.
    const big = 'basalt '.repeat(40_000);
    h.emulator.scenarios.push({ reply: big });
    const stalled = converseStream(ask('the long one'), { connection, maxAttempts: 1 })[
      Symbol.asyncIterator
    ]();
    const first = await stalled.next();
    expect(first.done).toBe(false);
    h.emulator.scenarios.push({ reply: 'the short one' });
    const short = await drain(converseStream(ask('the short one'), { connection, maxAttempts: 1 }));
    expect(short.error).toBeUndefined();
    expect(text(short.events)).toBe('the short one');
    expect(proxy.accepted - before).toBe(1);
    // The held stream then reads to its end, intact.
    let got = '';
    for (let step = await stalled.next(); !step.done; step = await stalled.next()) {
      if (step.value.type === 'textDelta') got += step.value.text;
    }
    expect(got).toBe(big);
  });

  it('releases the request body once answered; retiring closes sessions only after their last stream ends', async () => {
    const own = await forwarder(h.emulator.url);
    const handler = new SharedSessionHttp2Handler();
    const client = new BedrockRuntimeClient({
      region: h.emulator.region,
      endpoint: own.url,
      credentials: h.emulator.credentials,
      requestHandler: handler,
    });
    h.emulator.scenarios.push({ reply: 'still here after retire', eventDelayMs: 20 });
    // The request as it reaches the handler, to see its body released once the response has arrived.
    let sent: { body?: unknown } | undefined;
    client.middlewareStack.add(
      (next) => async (args) => {
        sent = args.request as { body?: unknown };
        return next(args);
      },
      { step: 'finalizeRequest', name: 'captureRequest' },
    );
    const output = await client.send(
      new ConverseStreamCommand({ modelId: HAIKU, messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
    );
    expect(sent).toBeDefined();
    expect(sent?.body).toBeUndefined();
    expect(handler.inFlight).toBe(1);
    handler.retire();
    let got = '';
    for await (const event of output.stream ?? []) got += event.contentBlockDelta?.delta?.text ?? '';
    expect(got).toBe('still here after retire');
    await eventually(() => handler.inFlight === 0 && own.open === 0);
    expect(own.accepted).toBe(1);
    await own.close();
  });
});
