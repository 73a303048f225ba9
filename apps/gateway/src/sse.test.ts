import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { openAIErrorBody } from './errors.js';
import { SseWriter } from './sse.js';

/** A response whose socket buffer is full until `drain` is emitted. */
class FullResponse extends EventEmitter {
  written: string[] = [];
  flushes: string[][] = [];
  private pending: string[] = [];
  private corks = 0;
  full = true;
  destroyed = false;
  writableEnded = false;
  cork(): void {
    this.corks++;
  }
  uncork(): void {
    this.corks--;
    if (this.corks === 0) this.flushes.push(this.pending.splice(0));
  }
  write(text: string): boolean {
    this.written.push(text);
    if (this.corks === 0) this.flushes.push([text]);
    else this.pending.push(text);
    return !this.full;
  }
  endedCorked = false;
  end(text?: string): void {
    this.endedCorked ||= this.corks > 0;
    if (this.corks > 0) this.flushes.push(this.pending.splice(0));
    if (text) this.flushes.push([text]);
    if (text) this.written.push(text);
    this.writableEnded = true;
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SseWriter', () => {
  it('waits for drain when the socket is full (backpressure)', async () => {
    const res = new FullResponse();
    const sse = new SseWriter(res as unknown as ServerResponse, { batch: true });
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
    const sse = new SseWriter(res as unknown as ServerResponse, { batch: true });
    const pending = sse.send({ a: 1 });
    res.destroyed = true;
    res.emit('close');
    await pending;
    expect(sse.closed).toBe(true);
  });

  it('sends the first token at once, then the events written in one tick in one socket write', async () => {
    const res = new FullResponse();
    res.full = false;
    const sse = new SseWriter(res as unknown as ServerResponse, { batch: true });
    expect(sse.write('{"first":0}')).toBe(false);
    expect(res.flushes).toEqual([['data: {"first":0}\n\n']]); // not corked: the first token leaves at once
    sse.startBatching();
    expect(sse.write('{"a":1}')).toBe(false);
    expect(sse.write({ b: 2 })).toBe(false);
    expect(res.flushes).toHaveLength(1);
    await tick();
    expect(res.flushes).toEqual([['data: {"first":0}\n\n'], ['data: {"a":1}\n\n', 'data: {"b":2}\n\n']]);
  });

  it('sends a comment heartbeat only while no event is written', async () => {
    vi.useFakeTimers();
    try {
      const res = new FullResponse();
      res.full = false;
      const sse = new SseWriter(res as unknown as ServerResponse, { batch: true });
      sse.startHeartbeat(1000);
      sse.write('{"a":1}');
      vi.advanceTimersByTime(1000);
      expect(res.written).toEqual(['data: {"a":1}\n\n']);
      vi.advanceTimersByTime(1000);
      expect(res.written.at(-1)).toBe(': keep-alive\n\n');
      sse.stopHeartbeat();
      vi.advanceTimersByTime(5000);
      expect(res.written).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('uncorks before ending, so a batch written in the same tick leaves before [DONE] (Node 22)', () => {
    const res = new FullResponse();
    res.full = false;
    const sse = new SseWriter(res as unknown as ServerResponse, { batch: true });
    sse.write({ n: 1 });
    sse.startBatching();
    sse.write({ n: 2 });
    sse.write({ n: 3 });
    sse.done();
    expect(res.endedCorked).toBe(false);
    expect(res.flushes.flat()).toEqual([
      'data: {"n":1}\n\n',
      'data: {"n":2}\n\n',
      'data: {"n":3}\n\n',
      'data: [DONE]\n\n',
    ]);
  });

  it('ends a failed stream with an error event and no [DONE]', () => {
    const res = new FullResponse();
    const sse = new SseWriter(res as unknown as ServerResponse, { batch: true });
    sse.fail(openAIErrorBody('throttled', 'Slow down'));
    sse.done();
    expect(res.written).toEqual([
      'data: {"error":{"message":"Slow down","type":"rate_limit_error","param":null,"code":"throttled"}}\n\n',
    ]);
  });
});
