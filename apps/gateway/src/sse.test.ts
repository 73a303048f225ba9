import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openAIErrorBody } from './errors.js';
import { SseWriter } from './sse.js';

/** A response whose socket buffer is full until `drain` is emitted. */
class FullResponse extends EventEmitter {
  written: string[] = [];
  destroyed = false;
  writableEnded = false;
  write(text: string): boolean {
    this.written.push(text);
    return false;
  }
  end(text?: string): void {
    if (text) this.written.push(text);
    this.writableEnded = true;
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SseWriter', () => {
  it('waits for drain when the socket is full (backpressure)', async () => {
    const res = new FullResponse();
    const sse = new SseWriter(res as unknown as ServerResponse);
    let sent = false;
    const pending = sse.send({ a: 1 }).then(() => {
      sent = true;
    });
    await tick();
    expect(sent).toBe(false);
    res.emit('drain');
    await pending;
    expect(sent).toBe(true);
    expect(res.written).toEqual(['data: {"a":1}\n\n']);
  });

  it('stops waiting when the client goes away', async () => {
    const res = new FullResponse();
    const sse = new SseWriter(res as unknown as ServerResponse);
    const pending = sse.send({ a: 1 });
    res.destroyed = true;
    res.emit('close');
    await pending;
    expect(sse.closed).toBe(true);
  });

  it('ends a failed stream with an error event and no [DONE]', () => {
    const res = new FullResponse();
    const sse = new SseWriter(res as unknown as ServerResponse);
    sse.fail(openAIErrorBody('throttled', 'Slow down'));
    sse.done();
    expect(res.written).toEqual([
      'data: {"error":{"message":"Slow down","type":"rate_limit_error","param":null,"code":"throttled"}}\n\n',
    ]);
  });
});
