import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SseWriter } from '../src/sse.js';

// A reader that stops reading must stop the writer: over real sockets, the writer ends up waiting in `drained()`
// with a bounded amount written, and carries on when the reader reads again.
let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

const CHUNK = JSON.stringify({ content: 'x'.repeat(64 * 1024) });
const LIMIT = 128 * 1024 * 1024;
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('SSE backpressure over a real socket', () => {
  it('holds a paused reader to what the socket buffers take, then delivers everything', async () => {
    const writer = { written: 0, waiting: false, finished: false };
    server = createServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const sse = new SseWriter(res);
      sse.startBatching();
      while (writer.written < LIMIT && !sse.closed) {
        writer.written += CHUNK.length + 8;
        if (sse.write(CHUNK)) {
          writer.waiting = true;
          await sse.drained();
          writer.waiting = false;
        }
      }
      writer.finished = true;
      sse.done();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server!.address() as AddressInfo).port;

    let writtenWhileStalled = 0;
    const received = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET' }, async (res) => {
        res.pause(); // a slow reader takes nothing until the writer is stuck
        // Bounded wait for the writer to be stuck in drained() with no progress over many loop turns.
        let stable = 0;
        let last = -1;
        for (let i = 0; i < 100_000 && stable < 200 && !writer.finished; i++) {
          await turn();
          stable = writer.waiting && writer.written === last ? stable + 1 : 0;
          last = writer.written;
        }
        writtenWhileStalled = writer.written;
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.length;
        });
        res.on('end', () => resolve(total));
        res.resume();
      });
      req.on('error', reject);
      req.end();
    });

    expect(writer.finished).toBe(true);
    // Stuck well before the end: what a stalled stream holds is the socket buffers, not everything produced.
    expect(writtenWhileStalled).toBeLessThan(LIMIT / 4);
    expect(received).toBeGreaterThanOrEqual(LIMIT);
  });
});
